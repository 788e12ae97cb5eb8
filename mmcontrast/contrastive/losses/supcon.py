# Copyright (c) mmcontrast contributors. All rights reserved.
"""Supervised contrastive loss (SupCon) and SMMCL's negatives-only variant.

Both compare labelled anchors with labelled keys (the anchors themselves, or
a second modality) through the logits ``S = anchors @ keys.T / temperature``:

* ``negatives_only=False`` -- SupCon (Khosla et al., "Supervised Contrastive
  Learning", NeurIPS 2020, the ``L_out`` form): for anchor i with positives
  P(i) (same label, not the pair (i, i)) and allowed keys A(i) (every valid
  key except the pair (i, i))::

      l_i = -1/|P(i)| * sum_{p in P(i)} [S_ip - log sum_{a in A(i)} exp(S_ia)]

* ``negatives_only=True`` -- the variant of SMMCL (Dong & Yokoya,
  "Understanding Dark Scenes by Contrasting Multi-Modal Observations",
  WACV 2024): every positive competes only with the negatives N(i)
  (different label)::

      l_i = -1/|P(i)| * sum_{p in P(i)} [S_ip - log(exp(S_ip)
                                         + sum_{n in N(i)} exp(S_in))]

Implementation notes (why this is not a loop over a dense mask, as in the
reference code): the positive sum ``sum_p S_ip`` equals
``anchor_i . (sum of the keys of class y_i minus the key i) / temperature``,
so SupCon needs a single dense pass (a ``logsumexp``) over the (N, M) logits;
the negatives-only variant uses ``-log(e^s / (e^s + e^l)) = softplus(l - s)``
with ``l`` the log-sum over negatives. Both dense parts run in
:mod:`mmcontrast.contrastive.engine.fused_rows` (analytic gradient, backward = two
matmuls). Invalid anchors and keys (label < 0)
are dropped before the matmul rather than masked, and the positives are
counted from class histograms
(:mod:`mmcontrast.contrastive.miners.class_positives`). With ``chunk_size`` the
anchors are streamed in row chunks whose gradients are accumulated during the
forward (:func:`mmcontrast.contrastive.engine.fused_rows.weighted_row_sum`), so no
more than ``chunk_size x M`` logits ever exist and nothing is recomputed
(65,536 x 65,536 runs in ~2 GiB; ``docs/benchmarks.md``).
"""
from typing import Optional

import torch
import torch.nn as nn
from torch import Tensor

from mmcontrast.registry import MODELS
from ..engine import check_temperature, fp32, paired_similarity, weighted_row_sum
from ..miners.class_positives import class_positives, drop_ignored_pairs

_AVERAGES = ('auto', 'all', 'with_positives')


def supcon_loss(anchors: Tensor,
                anchor_labels: Tensor,
                keys: Optional[Tensor] = None,
                key_labels: Optional[Tensor] = None,
                temperature: float = 0.1,
                negatives_only: bool = False,
                exclude_diagonal: bool = True,
                chunk_size: Optional[int] = None,
                average: str = 'auto') -> Tensor:
    """Supervised contrastive loss (SupCon) or SMMCL's negatives-only variant.

    Embeddings are used as given (normalise them before calling). The
    computation runs in float32 (float64 inputs stay float64).

    Args:
        anchors (Tensor): (N, D) anchor embeddings.
        anchor_labels (Tensor): (N,) integer labels; labels < 0 are ignored
            (never anchors, positives or negatives).
        keys (Tensor, optional): (M, D) key embeddings (e.g. another
            modality). Defaults to None: the anchors themselves.
        key_labels (Tensor, optional): (M,) labels of the keys. Defaults to
            None: ``anchor_labels`` (then M must equal N).
        temperature (float): Softmax temperature. Defaults to 0.1.
        negatives_only (bool): Use SMMCL's variant, in which each positive
            competes only with the negatives. Defaults to False (SupCon).
        exclude_diagonal (bool): Drop the pair (i, i) (the anchor itself
            when ``keys`` is None; the same sample in the other modality
            when keys are given, which needs M == N). Defaults to True.
        chunk_size (int, optional): Stream anchors in row chunks of this
            size (memory ``chunk_size x M``; gradients accumulated in the
            forward, so call ``backward`` once per forward).
            Defaults to None (one pass).
        average (str): How per-anchor losses are averaged: ``'all'`` over
            every valid anchor (anchors without positives count as 0, the
            SMMCL code), ``'with_positives'`` over anchors that have at least
            one positive (SupCon as in Khosla et al. and
            pytorch-metric-learning), ``'auto'`` = ``'all'`` when
            ``negatives_only`` else ``'with_positives'``. Defaults to 'auto'.

    Returns:
        Tensor: scalar loss; a zero connected to the graph when nothing can
        be contrasted (empty input, no valid anchor, no positive pair).

    Raises:
        ValueError: non-finite anchors/keys, float labels, mismatched shapes
            or a temperature whose inverse overflows float32.
    """
    check_temperature('temperature', temperature)
    if chunk_size is not None and chunk_size <= 0:
        raise ValueError(
            f'chunk_size must be a positive int or None, got {chunk_size}.')
    if average not in _AVERAGES:
        raise ValueError(
            f'average must be one of {_AVERAGES}, got {average!r}.')
    zero = anchors.sum() * 0 + (keys.sum() * 0 if keys is not None else 0)
    a, la, k, lk, self_col = drop_ignored_pairs(anchors, anchor_labels, keys, key_labels,
                                                exclude_diagonal)
    if a.shape[0] == 0 or k.shape[0] == 0:
        return fp32(zero)
    a, k = fp32(a), fp32(k)
    if a.dtype != k.dtype:
        a, k = a.float(), k.float()
    inv_t = 1.0 / temperature

    classes, la_idx, lk_idx, npos, self_same = class_positives(la, lk, self_col)
    has_pos = npos > 0

    if average == 'auto':
        average = 'all' if negatives_only else 'with_positives'
    n_pos = int(has_pos.sum())
    if n_pos == 0:  # nothing to contrast (also covers average='all')
        return fp32(zero) + a.sum() * 0
    denom = a.shape[0] if average == 'all' else n_pos
    # constant per-anchor weights of the mean; anchors without positives: 0
    w = has_pos.to(a.dtype) / denom
    if negatives_only:
        loss = weighted_row_sum(
            a * inv_t,
            k,
            w / npos.clamp(min=1).to(a.dtype),
            la,
            lk,
            self_col,
            negatives_only=True,
            chunk_size=chunk_size)
    else:
        lse = weighted_row_sum(
            a * inv_t, k, w, exclude=self_col, chunk_size=chunk_size)
        # sum over positives of S_ip = a_i . (class sum of keys - self key) / T
        class_sum = torch.zeros(
            classes.numel(), k.shape[1], dtype=k.dtype, device=k.device)
        class_sum = class_sum.index_add(0, lk_idx, k)
        pos_keys = class_sum[la_idx]
        if self_same is not None:
            pos_keys = pos_keys - torch.where(self_same[:, None],
                                              k[self_col.clamp(min=0)],
                                              pos_keys.new_zeros(()))
        pos_mean = paired_similarity(a, pos_keys, inv_t) / npos.clamp(min=1)
        loss = lse - (w * pos_mean).sum()
    return loss + zero


@MODELS.register_module()
class SupConLoss(nn.Module):
    """Supervised contrastive loss module (SupCon / SMMCL negatives-only).

    Khosla et al., "Supervised Contrastive Learning", NeurIPS 2020; the
    negatives-only variant is from Dong & Yokoya, "Understanding Dark Scenes
    by Contrasting Multi-Modal Observations", WACV 2024. See
    :func:`supcon_loss`.

    Args:
        temperature (float): Softmax temperature. Defaults to 0.1.
        negatives_only (bool): SMMCL variant. Defaults to False.
        exclude_diagonal (bool): Drop the pair (i, i). Defaults to True.
        chunk_size (int, optional): Anchor rows per streamed chunk.
            Defaults to None.
        average (str): ``'auto'``, ``'all'`` or ``'with_positives'``.
            Defaults to 'auto'.
        loss_weight (float): Multiplier of the loss. Defaults to 1.0.
        loss_name (str): Key of the loss in a loss dict. Defaults to
            'loss_supcon'.
    """

    def __init__(self,
                 temperature: float = 0.1,
                 negatives_only: bool = False,
                 exclude_diagonal: bool = True,
                 chunk_size: Optional[int] = None,
                 average: str = 'auto',
                 loss_weight: float = 1.0,
                 loss_name: str = 'loss_supcon') -> None:
        super().__init__()
        check_temperature('SupConLoss temperature', temperature)
        if chunk_size is not None and (not isinstance(chunk_size, int)
                                       or chunk_size <= 0):
            raise ValueError(
                f'SupConLoss chunk_size must be a positive int or None, got {chunk_size!r}.'
            )
        if average not in _AVERAGES:
            raise ValueError(
                f'SupConLoss average must be one of {_AVERAGES}, got {average!r}.'
            )
        self.temperature = float(temperature)
        self.negatives_only = bool(negatives_only)
        self.exclude_diagonal = bool(exclude_diagonal)
        self.chunk_size = chunk_size
        self.average = average
        self.loss_weight = float(loss_weight)
        self._loss_name = loss_name

    @property
    def loss_name(self) -> str:
        """Name of the loss item (mmseg convention)."""
        return self._loss_name

    def forward(self,
                anchors: Tensor,
                anchor_labels: Tensor,
                keys: Optional[Tensor] = None,
                key_labels: Optional[Tensor] = None) -> Tensor:
        """Args as :func:`supcon_loss`; returns the weighted scalar loss."""
        return self.loss_weight * supcon_loss(
            anchors,
            anchor_labels,
            keys,
            key_labels,
            temperature=self.temperature,
            negatives_only=self.negatives_only,
            exclude_diagonal=self.exclude_diagonal,
            chunk_size=self.chunk_size,
            average=self.average)

    def extra_repr(self) -> str:
        return (
            f'temperature={self.temperature}, negatives_only={self.negatives_only}, '
            f'exclude_diagonal={self.exclude_diagonal}, chunk_size={self.chunk_size}, '
            f'loss_weight={self.loss_weight}')
