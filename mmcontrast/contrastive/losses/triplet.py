# Copyright (c) mmcontrast contributors. All rights reserved.
"""Triplet margin loss over explicit (anchor, positive, negative) triplets.

Used by Age (contrastive age estimation; age.md §3) with a validity mask for
triplets whose sampler found no negative. ``torch.nn.functional.
triplet_margin_loss`` covers the euclidean distance but neither the cosine
distance nor the mask/averaging over valid triplets, so this wraps the same
``pairwise_distance(eps)`` maths (Schroff et al., "FaceNet", CVPR 2015).
"""
from typing import Optional

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import Tensor

from mmcontrast.registry import MODELS
from ..engine import check_all_finite, fp32, valid_mean

_DISTANCES = ('euclidean', 'cosine')


def _distance(x: Tensor, y: Tensor, distance: str, eps: float) -> Tensor:
    if distance == 'euclidean':
        return F.pairwise_distance(x, y, p=2, eps=eps)
    return 1 - F.cosine_similarity(x, y, dim=1, eps=eps)


def triplet_margin_loss(anchor: Tensor,
                        positive: Tensor,
                        negative: Tensor,
                        margin: float = 0.2,
                        distance: str = 'euclidean',
                        valid: Optional[Tensor] = None,
                        eps: float = 1e-6) -> Tensor:
    """``mean over valid b of max(0, d(a_b, p_b) - d(a_b, n_b) + margin)``.

    Args:
        anchor (Tensor): (B, D) anchor embeddings.
        positive (Tensor): (B, D) positives.
        negative (Tensor): (B, D) negatives.
        margin (float): Margin (>= 0). Defaults to 0.2.
        distance (str): ``'euclidean'`` (``||x - y + eps||_2`` as torch) or
            ``'cosine'`` (``1 - cos``). Defaults to 'euclidean'.
        valid (Tensor, optional): (B,) bool mask of triplets to use.
            Defaults to None (all).
        eps (float): Numerical epsilon (keeps the gradient finite at
            d = 0). Defaults to 1e-6.

    Returns:
        Tensor: scalar; ``anchor.sum() * 0`` when no triplet is valid.
    """
    if distance not in _DISTANCES:
        raise ValueError(
            f'distance must be one of {_DISTANCES}, got {distance!r}.')
    if margin < 0:
        raise ValueError(f'margin must be >= 0, got {margin}.')
    if anchor.shape != positive.shape or anchor.shape != negative.shape or anchor.dim(
    ) != 2:
        raise ValueError(
            'anchor, positive and negative must all be (B, D); got '
            f'{tuple(anchor.shape)}, {tuple(positive.shape)}, {tuple(negative.shape)}.'
        )
    check_all_finite(anchor=anchor, positive=positive, negative=negative)
    a, p, n = fp32(anchor), fp32(positive), fp32(negative)
    losses = F.relu(
        _distance(a, p, distance, eps) - _distance(a, n, distance, eps) +
        margin)
    return valid_mean(losses, valid, zero=(anchor.sum() + positive.sum() + negative.sum()) * 0)


@MODELS.register_module()
class TripletMarginLoss(nn.Module):
    """Triplet margin loss with a validity mask (FaceNet; Age's L_tri).

    Schroff et al., "FaceNet: A Unified Embedding for Face Recognition and
    Clustering", CVPR 2015. See :func:`triplet_margin_loss`.

    Args:
        margin (float): Defaults to 0.2.
        distance (str): 'euclidean' or 'cosine'. Defaults to 'euclidean'.
        eps (float): Defaults to 1e-6.
        loss_weight (float): Defaults to 1.0.
        loss_name (str): Defaults to 'loss_triplet'.
    """

    def __init__(self,
                 margin: float = 0.2,
                 distance: str = 'euclidean',
                 eps: float = 1e-6,
                 loss_weight: float = 1.0,
                 loss_name: str = 'loss_triplet') -> None:
        super().__init__()
        if distance not in _DISTANCES:
            raise ValueError(
                f'TripletMarginLoss distance must be one of {_DISTANCES}, got {distance!r}.'
            )
        if margin < 0:
            raise ValueError(
                f'TripletMarginLoss margin must be >= 0, got {margin}.')
        if eps < 0:
            raise ValueError(f'TripletMarginLoss eps must be >= 0, got {eps}.')
        self.margin = float(margin)
        self.distance = distance
        self.eps = float(eps)
        self.loss_weight = float(loss_weight)
        self._loss_name = loss_name

    @property
    def loss_name(self) -> str:
        """Name of the loss item."""
        return self._loss_name

    def forward(self,
                anchor: Tensor,
                positive: Tensor,
                negative: Tensor,
                valid: Optional[Tensor] = None) -> Tensor:
        """Weighted loss; see :func:`triplet_margin_loss`."""
        return self.loss_weight * triplet_margin_loss(
            anchor, positive, negative, self.margin, self.distance, valid,
            self.eps)
