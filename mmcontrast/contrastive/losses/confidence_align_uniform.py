# Copyright (c) mmcontrast contributors. All rights reserved.
"""DCCL's confidence-conditional alignment and decoupled uniformity (dccl.md §3 b, c).

Twins plus same-label samples, weighted by the lower report confidence
(:func:`~mmcontrast.contrastive.miners.confidence_pair_weights`), are aligned;
uniformity is decoupled (diagonal removed, denominator B^2) or, optionally,
conditional on the confidence-derived negative weights. No peer library
implements the weighted forms; distances and log-sum-exps come from the
engine, in fp32, on the (2B, 2B) squared-distance matrix of unit vectors.
"""
import math
from typing import Dict, Tuple

import torch
import torch.nn as nn
from mmengine.dist import get_world_size
from torch import Tensor

from mmcontrast.registry import MODELS
from ..engine import (all_gather_no_grad, all_gather_with_grad, check_all_finite, check_labels,
                      fp32, masked_logsumexp, similarity)
from ..miners.confidence_weights import (CONFIDENCE_MODES, confidence_kernel,
                                         confidence_pair_weights)
from .align_uniform import _check_views

_MODES = CONFIDENCE_MODES


def confidence_align_uniform_loss(
        z1: Tensor,
        z2: Tensor,
        labels: Tensor,
        confidence: Tensor,
        t: float = 1.0,
        confidence_mode: str = 'paper',
        use_confidence: bool = True,
        conditional_uniformity: bool = False,
        global_uniformity_unlabeled_only: bool = False,
        gather: bool = False) -> Tuple[Tensor, Tensor]:
    """DCCL confidence-conditional alignment and (decoupled) uniformity.

    With ``z = cat(z1, z2)`` (2B, D), ``D = clamp(2 - 2 z z^T, 0)``, twins
    ``P[i, i+B] = P[i+B, i] = 1``, ``K`` the :func:`confidence_kernel`
    duplicated to (2B, 2B) and ``M`` zeroing unlabeled rows/columns::

        W = P + (1 - P) * M * K * (1 - I);   W~ = W / W.sum(1)
        L_align = 1/B * sum(W~ * D)
        L_unif  = 1/2 sum_v log(1/B^2 sum_{i != j} exp(-t D^v_ij))

    With ``conditional_uniformity`` the uniformity of view v is
    ``log(1/B sum_ij exp(-t D^v_ij) N_ij)`` with negative weights
    ``N = max(K) - K`` (labeled rows: unlabeled columns zeroed, then
    row-normalised; unlabeled rows: 1 on every j != i, or only on unlabeled
    j with ``global_uniformity_unlabeled_only``; ``N_ii = 0``); an all-zero
    weight matrix gives 0.

    Args:
        z1 (Tensor): (B, D) L2-normalised view-1 embeddings.
        z2 (Tensor): (B, D) view-2 embeddings (twins of z1).
        labels (Tensor): (B,) int labels, -1 for unlabeled.
        confidence (Tensor): (B,) confidences.
        t (float): Uniformity temperature. Defaults to 1.0.
        confidence_mode (str): 'paper' or 'code'. Defaults to 'paper'.
        use_confidence (bool): False for the label-only kernel.
        conditional_uniformity (bool): Defaults to False.
        global_uniformity_unlabeled_only (bool): Defaults to False.
        gather (bool): Compute the loss over the batch gathered from every
            rank (embeddings with gradient; DCCL's ``gather_distributed``).
            Every rank then holds the same loss. Defaults to False.

    Returns:
        tuple[Tensor, Tensor]: scalar ``L_align`` and ``L_unif``.
    """
    if gather and get_world_size() > 1:
        z1, z2 = all_gather_with_grad(z1), all_gather_with_grad(z2)
        labels, confidence = all_gather_no_grad(labels), all_gather_no_grad(
            confidence)
    b = _check_views(z1, z2)
    check_labels('labels', labels, negative_ignored=True)  # < 0: unlabeled
    check_all_finite(confidence=confidence)
    if labels.numel() != b or confidence.numel() != b:
        raise ValueError(
            f'labels and confidence must have B={b} entries, got {labels.numel()} '
            f'and {confidence.numel()}.')
    if t <= 0:
        raise ValueError(f't must be > 0, got {t}.')
    z = torch.cat([fp32(z1), fp32(z2)], 0)
    dist = similarity(z, z, 'sq_euclidean', unit_norm=True)  # (2B, 2B) squared distances
    dev = z.device
    conf = confidence.to(z.dtype)
    k = confidence_kernel(labels, conf, confidence_mode, use_confidence).to(z.dtype)
    w = confidence_pair_weights(labels, conf, confidence_mode, use_confidence)
    l_align = (w * dist).sum() / b

    views = (dist[:b, :b], dist[b:, b:])
    offdiag = ~torch.eye(b, dtype=torch.bool, device=dev)
    if not conditional_uniformity:
        terms = [
            masked_logsumexp((-t * d).reshape(-1), offdiag.reshape(-1), 0) - 2 * math.log(b)
            for d in views
        ]
        return l_align, (terms[0] + terms[1]) / 2
    lab1 = labels.reshape(-1) >= 0
    neg = k.max() - k
    neg = neg * lab1[None, :].to(neg.dtype) * offdiag.to(neg.dtype)
    neg = neg / neg.sum(1, keepdim=True).clamp(min=torch.finfo(neg.dtype).tiny)
    unl_cols = (~lab1)[
        None, :] if global_uniformity_unlabeled_only else torch.ones_like(
            lab1)[None, :]
    unl_rows = offdiag & unl_cols
    neg = torch.where((~lab1)[:, None], unl_rows.to(neg.dtype), neg)
    pos_w = neg > 0
    if not bool(pos_w.any()):
        return l_align, dist.sum() * 0
    log_w = torch.log(neg.clamp(min=torch.finfo(neg.dtype).tiny))
    terms = [
        masked_logsumexp((-t * d + log_w).reshape(-1), pos_w.reshape(-1), 0) - math.log(b)
        for d in views
    ]
    return l_align, (terms[0] + terms[1]) / 2

@MODELS.register_module()
class ConfidenceAlignUniformLoss(nn.Module):
    """DCCL's confidence-conditional alignment + uniformity loss.

    "Confidence-conditioned contrastive learning" on prostate MRI with
    PI-RADS report confidences (the DCCL method spec, §3 b-c). See
    :func:`confidence_align_uniform_loss`. ``forward`` returns
    ``{'loss_align': l_alignment * L_align, 'loss_uniform': l_uniform *
    L_unif}``.

    Args:
        t (float): Uniformity temperature. Defaults to 1.0.
        l_alignment (float): Alignment weight. Defaults to 1.0.
        l_uniform (float): Uniformity weight. Defaults to 1.0.
        confidence_mode (str): 'paper' or 'code'. Defaults to 'paper'.
        use_confidence (bool): Defaults to True.
        conditional_uniformity (bool): Defaults to False.
        global_uniformity_unlabeled_only (bool): Defaults to False.
        gather (bool): Loss over the batch of all ranks. Defaults to False.
    """

    def __init__(self,
                 t: float = 1.0,
                 l_alignment: float = 1.0,
                 l_uniform: float = 1.0,
                 confidence_mode: str = 'paper',
                 use_confidence: bool = True,
                 conditional_uniformity: bool = False,
                 global_uniformity_unlabeled_only: bool = False,
                 gather: bool = False) -> None:
        super().__init__()
        if t <= 0:
            raise ValueError(
                f'ConfidenceAlignUniformLoss t must be > 0, got {t}.')
        if confidence_mode not in _MODES:
            raise ValueError(
                f'ConfidenceAlignUniformLoss confidence_mode must be one of {_MODES}, got '
                f'{confidence_mode!r}.')
        self.t = float(t)
        self.l_alignment = float(l_alignment)
        self.l_uniform = float(l_uniform)
        self.confidence_mode = confidence_mode
        self.use_confidence = use_confidence
        self.conditional_uniformity = conditional_uniformity
        self.global_uniformity_unlabeled_only = global_uniformity_unlabeled_only
        self.gather = gather

    def forward(self, z1: Tensor, z2: Tensor, labels: Tensor,
                confidence: Tensor) -> Dict[str, Tensor]:
        """Weighted loss terms; see :func:`confidence_align_uniform_loss`."""
        align, unif = confidence_align_uniform_loss(
            z1, z2, labels, confidence, self.t, self.confidence_mode,
            self.use_confidence, self.conditional_uniformity,
            self.global_uniformity_unlabeled_only, self.gather)
        return dict(
            loss_align=self.l_alignment * align,
            loss_uniform=self.l_uniform * unif)
