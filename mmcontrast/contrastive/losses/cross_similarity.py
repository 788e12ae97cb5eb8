# Copyright (c) mmcontrast contributors. All rights reserved.
"""CLLD's cross-similarity loss over α×α windows of two feature maps.

Zoljodi et al., "Contrastive Learning for Lane Detection via Cross-Similarity",
arXiv 2308.08242. The official code loops in Python over the windows; here one
``F.unfold`` of each map and one ``einsum`` compute every window correlation.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import Tensor

from mmcontrast.registry import MODELS
from ..engine import check_all_finite, fp32


_SIGNS = ('default', 'official')


def cross_similarity_map(a: Tensor, b: Tensor, alpha: int, scale: float = 0.001) -> Tensor:
    """Correlate every α×α window of ``b`` (stride α) over every α×α position of ``a``.

    The windows of ``b`` are tiled with stride α in row-major order; the last
    row/column of windows is zero-padded at the bottom/right to α×α.

    ``CS[b, n, i, j] = scale * sum_{c,u,v} a[b, c, i+u, j+v] * W_n[b, c, u, v]``.

    Args:
        a (Tensor): (B, C, h, w) map that is slid over.
        b (Tensor): (B, C, h, w) map cut into windows ``W_n``.
        alpha (int): Window side, ``1 <= alpha <= min(h, w)``.
        scale (float): Multiplier s. Defaults to 0.001.

    Returns:
        Tensor: (B, nW, h - α + 1, w - α + 1) with
        ``nW = ceil(h / α) * ceil(w / α)``.
    """
    if a.shape != b.shape or a.dim() != 4:
        raise ValueError(f'a and b must be (B,C,h,w) of one shape, got {tuple(a.shape)} and '
                         f'{tuple(b.shape)}')
    B, C, h, w = a.shape
    if not 1 <= alpha <= min(h, w):
        raise ValueError(f'alpha={alpha} must lie in [1, min(h, w)={min(h, w)}]; use a smaller '
                         'window or a larger feature map.')
    # Positions of a: (B, C*α*α, L), L = (h-α+1)(w-α+1); kernel order (c, u, v).
    cols = F.unfold(a, kernel_size=alpha)
    # Windows of b, zero-padded at bottom/right: (B, C*α*α, nW), same kernel order.
    pad_h, pad_w = (-h) % alpha, (-w) % alpha
    windows = F.unfold(F.pad(b, (0, pad_w, 0, pad_h)), kernel_size=alpha, stride=alpha)
    out = torch.einsum('bkn,bkl->bnl', windows, cols) * scale
    return out.reshape(B, windows.shape[-1], h - alpha + 1, w - alpha + 1)


def cross_similarity_loss(y1: Tensor,
                          y2: Tensor,
                          alpha: int = 3,
                          scale: float = 0.001,
                          sign: str = 'default',
                          eps: float = 1e-8) -> Tensor:
    """CLLD cross-similarity loss between the two views' pixel features.

    ``c = mean_{b,i,j} cos_n(CS(y1, y2)[b, :, i, j], CS(y2, y1)[b, :, i, j])``
    with ``cos(p, q) = <p, q> / max(|p| |q|, eps)``, computed in fp32.

    Args:
        y1 (Tensor): (B, C, h, w) online features of view 1.
        y2 (Tensor): (B, C, h, w) online features of view 2.
        alpha (int): Window side. Defaults to 3.
        scale (float): Multiplier s of the correlations. Defaults to 0.001.
        sign (str): ``'default'`` returns ``1 - c`` (the two cross-similarity
            maps are made to agree); ``'official'`` returns ``+c`` as the
            official code (minimising it pushes the maps apart).
        eps (float): Cosine denominator floor. Defaults to 1e-8.

    Returns:
        Tensor: scalar loss.
    """
    if sign not in _SIGNS:
        raise ValueError(f'sign must be one of {_SIGNS}, got {sign!r}.')
    check_all_finite(y1=y1, y2=y2)
    y1, y2 = fp32(y1), fp32(y2)
    cs12 = cross_similarity_map(y1, y2, alpha, scale).flatten(2)  # (B, nW, L)
    cs21 = cross_similarity_map(y2, y1, alpha, scale).flatten(2)
    dot = (cs12 * cs21).sum(1)
    norm = (cs12.norm(dim=1) * cs21.norm(dim=1)).clamp_min(eps)
    c = (dot / norm).mean()
    return c if sign == 'official' else 1.0 - c


@MODELS.register_module()
class CrossSimilarityLoss(nn.Module):
    """CLLD cross-similarity loss (Zoljodi et al., arXiv 2308.08242).

    Args:
        alpha (int): Window side α (the paper studies 1, 2, 3). Defaults to 3.
        scale (float): Correlation multiplier s; it only matters through
            ``eps``. Defaults to 0.001.
        sign (str): ``'default'`` (``1 - c``) or ``'official'`` (``+c``).
        loss_weight (float): β. Defaults to 2.0.
        feat_size (tuple, optional): (h, w) of the feature map, to validate
            ``alpha <= min(h, w)`` at build time. Defaults to None.
    """

    def __init__(self,
                 alpha: int = 3,
                 scale: float = 0.001,
                 sign: str = 'default',
                 loss_weight: float = 2.0,
                 feat_size=None) -> None:
        super().__init__()
        if not isinstance(alpha, int) or alpha < 1:
            raise ValueError(f'alpha must be a positive int, got {alpha!r}.')
        if sign not in _SIGNS:
            raise ValueError(f'sign must be one of {_SIGNS}, got {sign!r}.')
        if not (math.isfinite(scale) and scale > 0):
            raise ValueError(f'scale must be positive, got {scale!r}.')
        if feat_size is not None and alpha > min(feat_size):
            raise ValueError(f'alpha={alpha} exceeds the feature map {tuple(feat_size)}; set '
                             'alpha <= min(h, w).')
        self.alpha, self.scale, self.sign = alpha, scale, sign
        self.loss_weight = loss_weight

    def forward(self, y1: Tensor, y2: Tensor) -> Tensor:
        """Args: y1, y2 (Tensor): (B, C, h, w). Returns: weighted scalar loss."""
        return self.loss_weight * cross_similarity_loss(y1, y2, self.alpha, self.scale, self.sign)
