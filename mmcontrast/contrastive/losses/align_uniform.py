# Copyright (c) mmcontrast contributors. All rights reserved.
"""Wang & Isola's alignment and uniformity on the hypersphere.

Wang & Isola, "Understanding Contrastive Representation Learning through
Alignment and Uniformity on the Hypersphere", ICML 2020:
``align = mean ||z1 - z2||^alpha`` and ``uniform = mean over views of
log mean_{i != j} exp(-t ||z_i - z_j||^2)``, with the squared distances of
unit vectors ``2 - 2 z z^T`` from the engine and the log-mean-exp as a
masked log-sum-exp (diagonal removed), in fp32.
"""
import math
from typing import Dict, Tuple

import torch
import torch.nn as nn
from torch import Tensor

from mmcontrast.registry import MODELS
from ..engine import check_all_finite, fp32, masked_logsumexp, similarity


def _check_views(z1: Tensor, z2: Tensor) -> int:
    if z1.shape != z2.shape or z1.dim() != 2:
        raise ValueError(
            f'z1 and z2 must both be (B, D); got {tuple(z1.shape)} and {tuple(z2.shape)}.'
        )
    check_all_finite(z1=z1, z2=z2)
    if z1.shape[0] < 2:
        raise ValueError(
            f'uniformity needs a batch of at least 2 samples, got B={z1.shape[0]} '
            '(log of an empty sum); increase the batch size.')
    return z1.shape[0]


def _log_mean_offdiag_exp(x: Tensor, t: float) -> Tensor:
    """log mean_{i != j} exp(-t ||x_i - x_j||^2) for normalised rows."""
    b = x.shape[0]
    d = similarity(x, x, 'sq_euclidean', unit_norm=True)
    offdiag = ~torch.eye(b, dtype=torch.bool, device=x.device)
    return masked_logsumexp((-t * d).reshape(-1), offdiag.reshape(-1), 0) - math.log(b * (b - 1))

def align_uniform_loss(z1: Tensor,
                       z2: Tensor,
                       alpha: float = 2.0,
                       t: float = 2.0) -> Tuple[Tensor, Tensor]:
    """Wang & Isola alignment and uniformity.

    Args:
        z1 (Tensor): (B, D) L2-normalised embeddings of view 1.
        z2 (Tensor): (B, D) of view 2 (row i is the twin of z1[i]).
        alpha (float): Exponent of the alignment distance. Defaults to 2.
        t (float): Uniformity temperature. Defaults to 2.

    Returns:
        tuple[Tensor, Tensor]: scalar alignment and uniformity.
    """
    _check_views(z1, z2)
    z1, z2 = fp32(z1), fp32(z2)
    align = (z1 - z2).norm(dim=1).pow(alpha).mean()
    uniform = (_log_mean_offdiag_exp(z1, t) + _log_mean_offdiag_exp(z2, t)) / 2
    return align, uniform

@MODELS.register_module()
class AlignUniformLoss(nn.Module):
    """Wang & Isola alignment + uniformity loss (ICML 2020).

    "Understanding Contrastive Representation Learning through Alignment and
    Uniformity on the Hypersphere". See :func:`align_uniform_loss`;
    ``forward`` returns ``{'loss_align', 'loss_uniform'}`` weighted.

    Args:
        alpha (float): Defaults to 2.
        t (float): Defaults to 2.
        l_alignment (float): Defaults to 1.0.
        l_uniform (float): Defaults to 1.0.
    """

    def __init__(self,
                 alpha: float = 2.0,
                 t: float = 2.0,
                 l_alignment: float = 1.0,
                 l_uniform: float = 1.0) -> None:
        super().__init__()
        if alpha <= 0 or t <= 0:
            raise ValueError(
                f'AlignUniformLoss alpha and t must be > 0, got alpha={alpha}, t={t}.'
            )
        self.alpha = float(alpha)
        self.t = float(t)
        self.l_alignment = float(l_alignment)
        self.l_uniform = float(l_uniform)

    def forward(self, z1: Tensor, z2: Tensor) -> Dict[str, Tensor]:
        """Weighted loss terms; see :func:`align_uniform_loss`."""
        align, unif = align_uniform_loss(z1, z2, self.alpha, self.t)
        return dict(
            loss_align=self.l_alignment * align,
            loss_uniform=self.l_uniform * unif)
