# Copyright (c) mmcontrast contributors. All rights reserved.
"""Pairwise similarities of the contrastive core, always computed in fp32.

pytorch-metric-learning's "distance" part: every loss gets its logits or
distances here instead of writing ``a @ b.T / T`` itself. Inputs may be
(N, D) x (M, D) -> (N, M) or batched (B, N, D) x (B, M, D) -> (B, N, M).
Half/bfloat16 inputs are upcast (:func:`~.precision.fp32`); float64 stays.
"""
from typing import Union

import torch
import torch.nn.functional as F
from torch import Tensor

from .precision import fp32

METRICS = ('dot', 'cosine', 'sq_euclidean')


def similarity(a: Tensor,
               b: Tensor,
               metric: str = 'dot',
               scale: Union[float, Tensor] = 1.0,
               unit_norm: bool = False,
               eps: float = 1e-12) -> Tensor:
    """``scale * sim(a_i, b_j)`` for every pair, in fp32 (float64 kept).

    Args:
        a (Tensor): (N, D) or (B, N, D) rows.
        b (Tensor): (M, D) or (B, M, D) columns.
        metric (str): ``'dot'`` (``a b^T``), ``'cosine'`` (dot of the
            L2-normalised rows) or ``'sq_euclidean'`` (``||a_i - b_j||^2``,
            clamped at 0). Defaults to 'dot'.
        scale (float | Tensor): Multiplier, e.g. ``1 / temperature`` (a
            scalar tensor is differentiated). Defaults to 1.
        unit_norm (bool): For ``'sq_euclidean'``: the inputs are unit norm,
            so the distance is ``2 - 2 a b^T`` (DCCL, Wang & Isola). Defaults
            to False.
        eps (float): Normalisation epsilon of ``'cosine'``. Defaults to 1e-12.

    Returns:
        Tensor: (N, M) or (B, N, M).
    """
    if metric not in METRICS:
        raise ValueError(f'metric must be one of {METRICS}, got {metric!r}.')
    a, b = fp32(a), fp32(b)
    if a.dtype != b.dtype:
        a, b = a.to(torch.promote_types(a.dtype, b.dtype)), b.to(
            torch.promote_types(a.dtype, b.dtype))
    if metric == 'cosine':
        a, b = F.normalize(a, dim=-1, eps=eps), F.normalize(b, dim=-1, eps=eps)
    s = a @ b.transpose(-1, -2)
    if metric == 'sq_euclidean':
        if unit_norm:
            s = (2 - 2 * s).clamp(min=0)
        else:
            sq_a = (a * a).sum(-1, keepdim=True)
            sq_b = (b * b).sum(-1, keepdim=True).transpose(-1, -2)
            s = (sq_a + sq_b - 2 * s).clamp(min=0)
    if isinstance(scale, Tensor) or scale != 1.0:
        s = s * scale
    return s


def paired_similarity(a: Tensor, b: Tensor, scale: Union[float, Tensor] = 1.0) -> Tensor:
    """Row-wise ``scale * a_i . b_i`` in fp32: the positive logits of paired rows.

    Args:
        a (Tensor): (N, D).
        b (Tensor): (N, D).
        scale (float | Tensor): Multiplier. Defaults to 1.

    Returns:
        Tensor: (N,).
    """
    s = (fp32(a) * fp32(b)).sum(-1)
    return s * scale if isinstance(scale, Tensor) or scale != 1.0 else s
