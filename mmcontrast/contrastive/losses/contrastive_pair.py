# Copyright (c) mmcontrast contributors. All rights reserved.
"""Hadsell's contrastive pair loss with an explicit ``is_same`` flag.

Hadsell, Chopra and LeCun, "Dimensionality Reduction by Learning an
Invariant Mapping", CVPR 2006: a pair of embeddings at Euclidean distance
``d`` costs ``alpha * d^2`` when it shows the same identity and
``beta * max(0, m - d)^2`` otherwise. FP-attack's victim (SigNet,
fpattack.md §3) trains with it; the distance is
``F.pairwise_distance(e1, e2, eps=1e-6)``, whose eps keeps the gradient
finite at d = 0.

Label conventions (fpattack.md §7.1): the default takes ``is_same`` as given
(1 = genuine-genuine, the CSV label). ``label_convention='port_loss'``
reproduces the public port literally, which pulls together the pairs whose
label is **0** (``is_same = 1 - label``).
"""
from typing import Optional

import torch.nn as nn
import torch.nn.functional as F
from torch import Tensor

from mmcontrast.registry import MODELS
from ..engine import check_all_finite, check_dim, check_len, fp32
from ..engine import valid_mean

_CONVENTIONS = ('is_same', 'port_loss')


def contrastive_pair_loss(x1: Tensor,
                          x2: Tensor,
                          is_same: Tensor,
                          margin: float = 1.0,
                          alpha: float = 1.0,
                          beta: float = 1.0,
                          label_convention: str = 'is_same',
                          valid: Optional[Tensor] = None,
                          eps: float = 1e-6) -> Tensor:
    """``mean_b [alpha * s_b * d_b^2 + beta * (1 - s_b) * max(0, m - d_b)^2]``.

    Args:
        x1 (Tensor): (B, D) embeddings of the first images.
        x2 (Tensor): (B, D) embeddings of the paired images.
        is_same (Tensor): (B,) 1 for a same-identity (genuine-genuine) pair,
            0 otherwise (bool, int or a float in {0, 1}); under
            ``label_convention='port_loss'`` this is the CSV label and the
            loss uses ``1 - is_same``.
        margin (float): Margin m (> 0) of the dissimilar term. Defaults to 1.
        alpha (float): Weight of the similar term. Defaults to 1.
        beta (float): Weight of the dissimilar term. Defaults to 1.
        label_convention (str): ``'is_same'`` or ``'port_loss'``. Defaults
            to 'is_same'.
        valid (Tensor, optional): (B,) bool mask of pairs to use. Defaults to
            None (all).
        eps (float): ``pairwise_distance`` epsilon. Defaults to 1e-6.

    Returns:
        Tensor: scalar mean over the valid pairs; a zero with a graph for an
        empty batch or no valid pair.
    """
    if label_convention not in _CONVENTIONS:
        raise ValueError(f'label_convention must be one of {_CONVENTIONS}, '
                         f'got {label_convention!r}.')
    check_dim('x1', x1, 2, '(B, D)')
    if x2.shape != x1.shape:
        raise ValueError(f'x2 must have the shape of x1 {tuple(x1.shape)}, got '
                         f'{tuple(x2.shape)}.')
    check_len('is_same', is_same.reshape(-1), x1.shape[0], 'pair')
    check_all_finite(x1=x1, x2=x2)
    same = fp32(is_same.reshape(-1)).to(fp32(x1).dtype)
    if bool(((same != 0) & (same != 1)).any()):
        raise ValueError('is_same must hold only 0/1 (or bool) values.')
    if label_convention == 'port_loss':
        same = 1 - same
    d = F.pairwise_distance(fp32(x1), fp32(x2), p=2, eps=eps)
    losses = alpha * same * d.pow(2) + beta * (1 - same) * F.relu(margin - d).pow(2)
    return valid_mean(losses, valid, zero=(x1.sum() + x2.sum()) * 0)


@MODELS.register_module()
class ContrastivePairLoss(nn.Module):
    """Hadsell et al.'s contrastive pair loss (CVPR 2006; FP-attack's victim loss).

    "Dimensionality Reduction by Learning an Invariant Mapping". See
    :func:`contrastive_pair_loss`.

    Args:
        margin (float): Defaults to 1.0.
        alpha (float): Similar-pair weight. Defaults to 1.0.
        beta (float): Dissimilar-pair weight. Defaults to 1.0.
        label_convention (str): 'is_same' or 'port_loss'. Defaults to
            'is_same'.
        eps (float): Defaults to 1e-6.
        loss_weight (float): Defaults to 1.0.
        loss_name (str): Defaults to 'loss_contrastive'.
    """

    def __init__(self,
                 margin: float = 1.0,
                 alpha: float = 1.0,
                 beta: float = 1.0,
                 label_convention: str = 'is_same',
                 eps: float = 1e-6,
                 loss_weight: float = 1.0,
                 loss_name: str = 'loss_contrastive') -> None:
        super().__init__()
        if not margin > 0:
            raise ValueError(f'ContrastivePairLoss margin must be > 0, got {margin}.')
        if alpha < 0 or beta < 0 or eps < 0:
            raise ValueError('ContrastivePairLoss alpha, beta and eps must be >= 0, got '
                             f'{alpha}, {beta}, {eps}.')
        if label_convention not in _CONVENTIONS:
            raise ValueError(f'ContrastivePairLoss label_convention must be one of '
                             f'{_CONVENTIONS}, got {label_convention!r}.')
        self.margin, self.alpha, self.beta = float(margin), float(alpha), float(beta)
        self.label_convention = label_convention
        self.eps = float(eps)
        self.loss_weight = float(loss_weight)
        self._loss_name = loss_name

    @property
    def loss_name(self) -> str:
        """Name of the loss item."""
        return self._loss_name

    def forward(self,
                x1: Tensor,
                x2: Tensor,
                is_same: Tensor,
                valid: Optional[Tensor] = None) -> Tensor:
        """Weighted loss; see :func:`contrastive_pair_loss`."""
        return self.loss_weight * contrastive_pair_loss(
            x1, x2, is_same, self.margin, self.alpha, self.beta, self.label_convention,
            valid, self.eps)
