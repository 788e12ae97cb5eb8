# Copyright (c) mmcontrast contributors. All rights reserved.
"""``1 - cos`` pair loss (pull paired embeddings together).

Age's L_cos (age.md §3: an anchor and a different subject at the same age)
and BYOL-style pair terms. ``nn.CosineEmbeddingLoss`` with target 1 gives the
same value but no validity mask, so the maths is written out here.
"""
from typing import Optional

import torch.nn as nn
import torch.nn.functional as F
from torch import Tensor

from mmcontrast.registry import MODELS
from ..engine import check_all_finite, fp32, valid_mean


def cosine_pair_loss(x: Tensor,
                     y: Tensor,
                     valid: Optional[Tensor] = None,
                     eps: float = 1e-8) -> Tensor:
    """``mean over valid b of (1 - cos(x_b, y_b))``.

    Args:
        x (Tensor): (B, D) embeddings.
        y (Tensor): (B, D) paired embeddings.
        valid (Tensor, optional): (B,) bool mask of pairs to use. Defaults to
            None (all).
        eps (float): Epsilon of the cosine. Defaults to 1e-8.

    Returns:
        Tensor: scalar in [0, 2]; ``x.sum() * 0`` when no pair is valid.
    """
    if x.shape != y.shape or x.dim() != 2:
        raise ValueError(
            f'x and y must both be (B, D); got {tuple(x.shape)} and {tuple(y.shape)}.'
        )
    check_all_finite(x=x, y=y)
    xf, yf = fp32(x), fp32(y)
    losses = 1 - F.cosine_similarity(xf, yf, dim=1, eps=eps)
    return valid_mean(losses, valid, zero=(x.sum() + y.sum()) * 0)


@MODELS.register_module()
class CosinePairLoss(nn.Module):
    """``1 - cos`` loss between paired embeddings (Age's L_cos).

    Used by contrastive age estimation (see the Age method spec) and, in
    general, any positive-pair pull term. See :func:`cosine_pair_loss`.

    Args:
        eps (float): Defaults to 1e-8.
        loss_weight (float): Defaults to 1.0.
        loss_name (str): Defaults to 'loss_cos'.
    """

    def __init__(self,
                 eps: float = 1e-8,
                 loss_weight: float = 1.0,
                 loss_name: str = 'loss_cos') -> None:
        super().__init__()
        if eps < 0:
            raise ValueError(f'CosinePairLoss eps must be >= 0, got {eps}.')
        self.eps = float(eps)
        self.loss_weight = float(loss_weight)
        self._loss_name = loss_name

    @property
    def loss_name(self) -> str:
        """Name of the loss item."""
        return self._loss_name

    def forward(self,
                x: Tensor,
                y: Tensor,
                valid: Optional[Tensor] = None) -> Tensor:
        """Weighted loss; see :func:`cosine_pair_loss`."""
        return self.loss_weight * cosine_pair_loss(x, y, valid, self.eps)
