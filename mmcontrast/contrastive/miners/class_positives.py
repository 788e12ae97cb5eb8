# Copyright (c) mmcontrast contributors. All rights reserved.
"""Same-label positives of labelled anchors and keys, by class counts (SupCon, SMMCL).

The rule of :func:`mmcontrast.contrastive.losses.supcon_loss` needs, for each
anchor, its positives (keys with the same label, the pair (i, i) excluded) and
nothing else: no (N, M) mask is built. Ignored rows (label < 0) are dropped
before any matmul, and the positives are counted from class histograms of the
keys in O(N + M).
"""
from typing import NamedTuple, Optional

import torch
from torch import Tensor

from ..engine import check_all_finite, check_labels


class LabelledPairs(NamedTuple):
    """Valid anchors and keys of a labelled batch.

    Attributes:
        anchors (Tensor): (n, D) anchors whose label is >= 0.
        anchor_labels (Tensor): (n,) their labels.
        keys (Tensor): (m, D) keys whose label is >= 0.
        key_labels (Tensor): (m,) their labels.
        self_col (Tensor | None): (n,) column of the pair (i, i) among the
            valid keys, -1 where that key was dropped; None when the diagonal
            is kept.
    """
    anchors: Tensor
    anchor_labels: Tensor
    keys: Tensor
    key_labels: Tensor
    self_col: Optional[Tensor]


class ClassPositives(NamedTuple):
    """Positives of each anchor, by class.

    Attributes:
        classes (Tensor): (C,) sorted labels present among the keys.
        anchor_class (Tensor): (n,) index in ``classes`` of each anchor's label
            (meaningless where ``num_positives`` is 0).
        key_class (Tensor): (m,) index in ``classes`` of each key's label.
        num_positives (Tensor): (n,) number of positive keys per anchor.
        self_is_positive (Tensor | None): (n,) bool, the self key (i, i) has
            the anchor's label and was removed from the positives; None when
            the diagonal is kept.
    """
    classes: Tensor
    anchor_class: Tensor
    key_class: Tensor
    num_positives: Tensor
    self_is_positive: Optional[Tensor]


def drop_ignored_pairs(anchors: Tensor, anchor_labels: Tensor, keys: Optional[Tensor],
                       key_labels: Optional[Tensor], exclude_diagonal: bool) -> LabelledPairs:
    """Validate a labelled batch, drop ignored rows, map each anchor to its self key.

    Args:
        anchors (Tensor): (N, D) anchors.
        anchor_labels (Tensor): (N,) integer labels; < 0 is ignored.
        keys (Tensor, optional): (M, D) keys; None uses the anchors.
        key_labels (Tensor, optional): (M,) key labels; None reuses
            ``anchor_labels`` (then M must equal N).
        exclude_diagonal (bool): Pair anchor i with key i (needs M == N).

    Returns:
        LabelledPairs: the valid rows and the self-key columns.

    Raises:
        ValueError: mismatched shapes, float labels or non-finite inputs,
            with the argument named.
    """
    if anchors.dim() != 2:
        raise ValueError(f'anchors must be (N, D), got shape {tuple(anchors.shape)}.')
    n = anchors.shape[0]
    anchor_labels = anchor_labels.reshape(-1)
    if anchor_labels.numel() != n:
        raise ValueError(
            f'anchor_labels must have N={n} entries, got {anchor_labels.numel()}.')
    if keys is None:
        if key_labels is not None:
            raise ValueError(
                'key_labels given without keys; pass keys too or drop key_labels.')
        keys, key_labels = anchors, anchor_labels
    else:
        if keys.dim() != 2 or keys.shape[1] != anchors.shape[1]:
            raise ValueError(
                f'keys must be (M, D={anchors.shape[1]}), got shape {tuple(keys.shape)}.')
        if key_labels is None:
            if keys.shape[0] != n:
                raise ValueError('key_labels=None reuses anchor_labels and needs M == N; '
                                 f'got N={n}, M={keys.shape[0]}.')
            key_labels = anchor_labels
        key_labels = key_labels.reshape(-1)
        if key_labels.numel() != keys.shape[0]:
            raise ValueError(
                f'key_labels must have M={keys.shape[0]} entries, got {key_labels.numel()}.')
    if exclude_diagonal and keys.shape[0] != n:
        raise ValueError(
            'exclude_diagonal=True pairs anchor i with key i and needs M == N; got '
            f'N={n}, M={keys.shape[0]} (set exclude_diagonal=False for unrelated sets).')
    check_labels('anchor_labels', anchor_labels, negative_ignored=True)
    check_labels('key_labels', key_labels, negative_ignored=True)
    check_all_finite(anchors=anchors, keys=keys)
    a_valid = anchor_labels >= 0
    k_valid = key_labels >= 0
    self_col = None
    if exclude_diagonal:
        new_index = torch.cumsum(k_valid.long(), 0) - 1
        self_col = torch.where(k_valid, new_index, torch.full_like(new_index, -1))[a_valid]
    return LabelledPairs(anchors[a_valid], anchor_labels[a_valid], keys[k_valid],
                         key_labels[k_valid], self_col)


def class_positives(anchor_labels: Tensor, key_labels: Tensor,
                    self_col: Optional[Tensor]) -> ClassPositives:
    """Count each anchor's same-label keys from class histograms, O(N + M).

    Args:
        anchor_labels (Tensor): (n,) labels of valid anchors.
        key_labels (Tensor): (m,) labels of valid keys (m >= 1).
        self_col (Tensor, optional): (n,) self-key columns (-1: dropped), as
            returned by :func:`drop_ignored_pairs`; the self key is never a
            positive, whatever its label.

    Returns:
        ClassPositives: class indices, positive counts and the self flags.
    """
    classes, key_class = torch.unique(key_labels, return_inverse=True)
    anchor_class = torch.searchsorted(classes, anchor_labels).clamp_(max=classes.numel() - 1)
    present = classes[anchor_class] == anchor_labels  # anchor class present among the keys
    counts = torch.bincount(key_class, minlength=classes.numel())
    num_positives = torch.where(present, counts[anchor_class], torch.zeros_like(anchor_class))
    self_is_positive = None
    if self_col is not None:
        self_is_positive = (self_col >= 0) & (key_labels[self_col.clamp(min=0)] == anchor_labels)
        num_positives = num_positives - self_is_positive.long()
    return ClassPositives(classes, anchor_class, key_class, num_positives, self_is_positive)
