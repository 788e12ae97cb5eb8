# Copyright (c) mmcontrast contributors. All rights reserved.
"""In-batch miners for contrastive age estimation (age.md §3 and §9).

Age's objective pulls together **different subjects at the same age** and
pushes apart **the same subject at different ages**, so identity alone can
never satisfy it. On a P x K batch (P subjects, K images each) the pairs are
mined from ages ``y`` and subject ids ``s``:

* positive: ``s_i != s_j and |y_i - y_j| <= delta_pos`` (optionally widened
  to the nearest age among other subjects when a row has none);
* negative: ``s_i == s_j and |y_i - y_j| >= delta_neg``
  (``neg_mode='same_subject_then_any'`` falls back to any other subject at
  ``|dy| >= delta_neg`` for a row without one; ``'any'`` always allows both).

Samples flagged invalid (``valid=False``: e.g. padding or a failed face
crop) are neither anchors nor partners. The triplet builders return a
validity mask for anchors without a positive or a negative, so the triplet
loss (:func:`~mmcontrast.contrastive.losses.triplet_margin_loss`) averages
over valid triplets only, as in the spec.
"""
from typing import Optional, Tuple

import torch
from torch import Tensor

from ..engine import check_all_finite, check_dim, check_len

_NEG_MODES = ('same_subject', 'same_subject_then_any', 'any')


def _validate(ages: Tensor, subjects: Tensor, valid: Optional[Tensor]) -> Tensor:
    check_dim('ages', ages, 1, '(N,)')
    n = ages.shape[0]
    check_len('subjects', subjects, n, 'age')
    check_all_finite(ages=ages)
    if valid is None:
        return torch.ones(n, dtype=torch.bool, device=ages.device)
    check_len('valid', valid, n, 'age')
    return valid.bool()


def age_pair_masks(ages: Tensor,
                   subjects: Tensor,
                   delta_pos: float = 0.0,
                   delta_neg: float = 5.0,
                   valid: Optional[Tensor] = None,
                   neg_mode: str = 'same_subject',
                   widen_positive: bool = False) -> Tuple[Tensor, Tensor]:
    """Positive (same age, other subject) and negative (same subject, other age) masks.

    Args:
        ages (Tensor): (N,) ages (int or float).
        subjects (Tensor): (N,) subject ids.
        delta_pos (float): Largest age gap of a positive. Defaults to 0.
        delta_neg (float): Smallest age gap of a negative. Defaults to 5.
        valid (Tensor, optional): (N,) bool; invalid samples get empty rows
            and columns. Defaults to None (all valid).
        neg_mode (str): ``'same_subject'``, ``'same_subject_then_any'`` (rows
            without a same-subject negative take any subject at
            ``|dy| >= delta_neg``) or ``'any'``. Defaults to 'same_subject'.
        widen_positive (bool): Rows without a positive take the other-subject
            samples at the smallest available age gap. Defaults to False.

    Returns:
        tuple[Tensor, Tensor]: (N, N) bool ``pos`` and ``neg``; the diagonal
        is False in both.
    """
    if neg_mode not in _NEG_MODES:
        raise ValueError(f'neg_mode must be one of {_NEG_MODES}, got {neg_mode!r}.')
    if delta_pos < 0 or delta_neg < 0:
        raise ValueError(f'delta_pos and delta_neg must be >= 0, got {delta_pos}, {delta_neg}.')
    ok = _validate(ages, subjects, valid)
    y = ages.double()
    gap = (y[:, None] - y[None, :]).abs()
    same_subj = subjects[:, None] == subjects[None, :]
    pair_ok = ok[:, None] & ok[None, :]
    pair_ok.fill_diagonal_(False)
    other = ~same_subj & pair_ok
    pos = other & (gap <= delta_pos)
    if widen_positive:
        far = gap.masked_fill(~other, float('inf'))
        nearest = far.amin(1, keepdim=True)
        widened = other & (far == nearest) & torch.isfinite(nearest)
        pos = torch.where(pos.any(1, keepdim=True), pos, widened)
    old = gap >= delta_neg
    neg_same = same_subj & pair_ok & old
    neg_any = pair_ok & old
    if neg_mode == 'same_subject':
        neg = neg_same
    elif neg_mode == 'any':
        neg = neg_any
    else:
        neg = torch.where(neg_same.any(1, keepdim=True), neg_same, neg_any)
    return pos, neg


def all_triplets(pos: Tensor, neg: Tensor) -> Tuple[Tensor, Tensor, Tensor]:
    """Batch-all (anchor, positive, negative) index tuples of two pair masks.

    Args:
        pos (Tensor): (N, N) bool positive mask.
        neg (Tensor): (N, N) bool negative mask.

    Returns:
        tuple[Tensor, Tensor, Tensor]: (T,) long anchor, positive and
        negative indices, every (a, p, n) with ``pos[a, p] & neg[a, n]``,
        in lexicographic order.
    """
    a, p, n = torch.nonzero(pos[:, :, None] & neg[:, None, :], as_tuple=True)
    return a, p, n


def hardest_triplets(dist: Tensor, pos: Tensor,
                     neg: Tensor) -> Tuple[Tensor, Tensor, Tensor]:
    """Batch-hard mining: per anchor the farthest positive and the nearest negative.

    Args:
        dist (Tensor): (N, N) distances (e.g. ``torch.cdist``).
        pos (Tensor): (N, N) bool positive mask.
        neg (Tensor): (N, N) bool negative mask.

    Returns:
        tuple[Tensor, Tensor, Tensor]: (N,) positive index, (N,) negative
        index and (N,) bool ``valid`` (the anchor has both); indices of
        invalid anchors point at the anchor itself.
    """
    if dist.shape != pos.shape or pos.shape != neg.shape:
        raise ValueError(f'dist, pos and neg must share one (N, N) shape, got '
                         f'{tuple(dist.shape)}, {tuple(pos.shape)}, {tuple(neg.shape)}.')
    check_all_finite(dist=dist)
    d = dist.detach()
    idx = torch.arange(d.shape[0], device=d.device)
    p = d.masked_fill(~pos, float('-inf')).argmax(1)
    n = d.masked_fill(~neg, float('inf')).argmin(1)
    valid = pos.any(1) & neg.any(1)
    return torch.where(valid, p, idx), torch.where(valid, n, idx), valid
