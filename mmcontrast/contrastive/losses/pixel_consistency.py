# Copyright (c) mmcontrast contributors. All rights reserved.
"""PixPro pixel-to-propagation consistency over a positive-pair mask.

Xie et al., "Propagate Yourself" (PixPro), CVPR 2021, as used by CLLD
(Zoljodi et al., arXiv 2308.08242).
"""
from typing import Optional

import torch.nn as nn
import torch.nn.functional as F
from torch import Tensor

from mmcontrast.registry import MODELS
from ..engine import check_all_finite, fp32, similarity


def pixel_consistency_loss(y: Tensor,
                           t: Tensor,
                           pos_mask: Tensor,
                           transpose_mask: bool = False,
                           eps: float = 1e-6) -> Tensor:
    """``-mean_{(b,i,j): A[b,i,j]} cos(y[b, :, i], t[b, :, j])``, one mean over the batch.

    Args:
        y (Tensor): (B, C, h, w) online (propagated) features of one view.
        t (Tensor): (B, C, h', w') target features of the other view.
        pos_mask (Tensor): (B, h*w, h'*w') bool; row i = cell of ``y``.
        transpose_mask (bool): Use ``A[b, j, i]`` instead of ``A[b, i, j]``
            (the official code's transposed indexing; needs h*w == h'*w').
        eps (float): Norm floor of the cosine. Defaults to 1e-6.

    Returns:
        Tensor: scalar; a finite 0 that keeps the graph when no pair is positive.
    """
    if y.dim() != 4 or t.dim() != 4 or y.shape[:2] != t.shape[:2]:
        raise ValueError(f'y and t must be (B, C, h, w) maps of one B and C, got '
                         f'{tuple(y.shape)} and {tuple(t.shape)}.')
    check_all_finite(y=y, t=t)
    yf = F.normalize(fp32(y).flatten(2), dim=1, eps=eps)  # (B, C, N)
    tf = F.normalize(fp32(t).flatten(2), dim=1, eps=eps)  # (B, C, M)
    mask = pos_mask.transpose(1, 2) if transpose_mask else pos_mask
    if mask.shape != (y.shape[0], yf.shape[-1], tf.shape[-1]):
        raise ValueError(f'pos_mask must be (B, {yf.shape[-1]}, {tf.shape[-1]}), got '
                         f'{tuple(mask.shape)}')
    cos = similarity(yf.transpose(1, 2), tf.transpose(1, 2))  # (B, N, M)
    mask = mask.bool()
    n = mask.sum()
    if n == 0:
        return cos.sum() * 0.
    return -(cos * mask).sum() / n


@MODELS.register_module()
class PixelConsistencyLoss(nn.Module):
    """PixPro consistency loss (Xie et al., CVPR 2021; CLLD's first term).

    Args:
        transpose_mask (bool): Official CLLD indexing quirk. Defaults to False.
        loss_weight (float): λ. Defaults to 1.0.
    """

    def __init__(self, transpose_mask: bool = False, loss_weight: float = 1.0) -> None:
        super().__init__()
        if not isinstance(transpose_mask, bool):
            raise ValueError(f'transpose_mask must be a bool, got {transpose_mask!r}.')
        self.transpose_mask = transpose_mask
        self.loss_weight = loss_weight

    def forward(self, y: Tensor, t: Tensor, pos_mask: Tensor,
                weight: Optional[float] = None) -> Tensor:
        """Args: y (B,C,h,w), t (B,C,h',w'), pos_mask (B,hw,h'w'). Returns scalar."""
        w = self.loss_weight if weight is None else weight
        return w * pixel_consistency_loss(y, t, pos_mask, self.transpose_mask)
