# Copyright (c) mmcontrast contributors. All rights reserved.
"""DCCL's confidence weights: which pairs are aligned, and how strongly.

DCCL (confidence-conditioned contrastive learning from PI-RADS reports;
dccl.md §3 b) aligns each sample with its twin view and with every labeled
same-label sample of the batch, weighted by the lower report confidence of
the pair; unlabeled samples align with their twin only.
"""
import torch
from torch import Tensor

from ..engine import check_len

CONFIDENCE_MODES = ('paper', 'code')


def confidence_kernel(labels: Tensor,
                      confidence: Tensor,
                      mode: str = 'paper',
                      use_confidence: bool = True) -> Tensor:
    """(B, B) ``K_ij = 1[y_i == y_j] * min(c_i, c_j)`` over labeled pairs.

    Args:
        labels (Tensor): (B,) int labels, < 0 for unlabeled samples.
        confidence (Tensor): (B,) confidences in [0, 1] (ignored for
            unlabeled samples).
        mode (str): ``'paper'``; ``'code'`` also zeroes pairs whose lower
            confidence is exactly 0.5 (official code). Defaults to 'paper'.
        use_confidence (bool): False gives the label-only kernel
            ``1[y_i == y_j]`` (DCCL's ablation). Defaults to True.

    Returns:
        Tensor: (B, B) float kernel, 0 wherever a sample is unlabeled.
    """
    if mode not in CONFIDENCE_MODES:
        raise ValueError(
            f'confidence mode must be one of {CONFIDENCE_MODES}, got {mode!r}.')
    lab = labels.reshape(-1)
    labeled = lab >= 0
    same = (lab[:, None] == lab[None, :]) & labeled[:, None] & labeled[None, :]
    if not use_confidence:
        return same.to(confidence.dtype if confidence.is_floating_point(
        ) else torch.float32)
    c = confidence.reshape(-1)
    cmin = torch.minimum(c[:, None], c[None, :])
    k = same.to(cmin.dtype) * cmin
    if mode == 'code':
        k = k * (cmin != 0.5).to(k.dtype)
    return k


def confidence_pair_weights(labels: Tensor,
                            confidence: Tensor,
                            mode: str = 'paper',
                            use_confidence: bool = True) -> Tensor:
    """Row-normalised (2B, 2B) alignment weights ``W~`` over ``cat(z1, z2)``.

    ``W = P + (1 - P) * M * K * (1 - I)`` with the twin indicator ``P``
    (``P[i, i+B] = P[i+B, i] = 1``), ``K`` the :func:`confidence_kernel`
    tiled to (2B, 2B) and ``M`` zeroing unlabeled rows and columns; then
    ``W~ = W / W.sum(1)``. Every row holds its twin, so every row sums to 1.

    Args:
        labels (Tensor): (B,) int labels, -1 for unlabeled.
        confidence (Tensor): (B,) float confidences.
        mode (str): 'paper' or 'code'. Defaults to 'paper'.
        use_confidence (bool): False for the label-only kernel.

    Returns:
        Tensor: (2B, 2B) weights in ``confidence``'s dtype, rows summing to 1.
    """
    b = labels.numel()
    check_len('confidence', confidence.reshape(-1), b, 'label')
    k = confidence_kernel(labels, confidence, mode, use_confidence).to(confidence.dtype)
    labeled = (labels.reshape(-1) >= 0).repeat(2)
    m = (labeled[:, None] & labeled[None, :]).to(k.dtype)
    idx = torch.arange(2 * b, device=k.device)
    twin = torch.zeros(2 * b, 2 * b, dtype=k.dtype, device=k.device)
    twin[idx, (idx + b) % (2 * b)] = 1
    eye = torch.eye(2 * b, dtype=k.dtype, device=k.device)
    w = twin + (1 - twin) * m * k.repeat(2, 2) * (1 - eye)
    return w / w.sum(1, keepdim=True)
