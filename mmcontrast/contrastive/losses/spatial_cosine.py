# Copyright (c) mmcontrast contributors. All rights reserved.
"""Per-channel spatial cosine loss: CLLD's instance term.

Zoljodi et al., "Contrastive Learning for Lane Detection via Cross-Similarity",
arXiv 2308.08242 (official code; not described in the paper text).
"""
import torch.nn as nn
import torch.nn.functional as F
from torch import Tensor

from mmcontrast.registry import MODELS
from ..engine import check_all_finite, fp32, paired_similarity


def spatial_cosine_loss(x: Tensor, t: Tensor, eps: float = 1e-8) -> Tensor:
    """``mean_{b,ch} (2 - 2 cos_HW(x[b, ch, :], t[b, ch, :]))``.

    The cosine runs over the flattened spatial axis of each channel (BYOL's
    ``2 - 2 cos`` applied per channel map), in fp32.

    Args:
        x (Tensor): (B, C, h, w) online features.
        t (Tensor): (B, C, h, w) target features.
        eps (float): Norm floor. Defaults to 1e-8.

    Returns:
        Tensor: scalar in [0, 4]; exactly 0 when ``x == t``.
    """
    if x.shape != t.shape:
        raise ValueError(f'x and t must have one shape, got {tuple(x.shape)} and {tuple(t.shape)}')
    check_all_finite(x=x, t=t)
    xf = F.normalize(fp32(x).flatten(2), dim=2, eps=eps)
    tf = F.normalize(fp32(t).flatten(2), dim=2, eps=eps)
    return (2 - 2 * paired_similarity(xf, tf)).mean()


@MODELS.register_module()
class SpatialCosineLoss(nn.Module):
    """CLLD instance term: per-channel spatial cosine between online and target.

    Args:
        loss_weight (float): ξ. Defaults to 1.0.
    """

    def __init__(self, loss_weight: float = 1.0) -> None:
        super().__init__()
        if loss_weight < 0:
            raise ValueError(f'loss_weight must be >= 0, got {loss_weight}.')
        self.loss_weight = loss_weight

    def forward(self, x: Tensor, t: Tensor) -> Tensor:
        """Args: x, t (B, C, h, w). Returns weighted scalar."""
        return self.loss_weight * spatial_cosine_loss(x, t)
