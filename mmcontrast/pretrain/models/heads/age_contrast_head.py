# Copyright (c) mmcontrast contributors. All rights reserved.
"""Head of contrastive age estimation (Chae et al., arXiv 2308.11896; age.md §2-3).

Every choice here is an mmcontrast reconstruction (no official code exists) and
is a constructor option: the embedding projector, the DEX-style expectation or
linear regressor, the regression loss and the weights of the contrastive terms.
"""
from typing import Dict, Optional, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmpretrain.registry import MODELS
from torch import Tensor

from mmcontrast.contrastive.losses import cosine_pair_loss, triplet_margin_loss

_REG_TYPES = ('dex', 'linear')
_REG_LOSSES = ('l1', 'ce_soft', 'mean_variance')
_REG_INPUTS = ('feature', 'embedding')


def dex_expectation(logits: Tensor, min_age: int = 0) -> Tuple[Tensor, Tensor]:
    """DEX expected age: ``y_hat = sum_k (min_age + k) * softmax(logits)_k`` in fp32.

    Args:
        logits (Tensor): (N, K) bin logits.
        min_age (int): Age of bin 0. Defaults to 0.

    Returns:
        tuple[Tensor, Tensor]: (N,) expected ages and (N, K) probabilities.
    """
    p = logits.float().softmax(dim=1) if logits.dtype != torch.float64 else logits.softmax(1)
    ages = torch.arange(logits.shape[1], device=logits.device, dtype=p.dtype) + min_age
    return p @ ages, p


def regression_loss(pred: Tensor, target: Tensor, prob: Optional[Tensor], kind: str,
                    sigma: float = 2.0, min_age: int = 0, lambda_mean: float = 0.2,
                    lambda_var: float = 0.05) -> Tensor:
    """Age regression loss (age.md §3 ``reg_loss``).

    Args:
        pred (Tensor): (N,) predicted ages (the DEX expectation or linear output).
        target (Tensor): (N,) ages (raw; clipped to the bins only for the
            distribution losses).
        prob (Tensor, optional): (N, K) bin probabilities (``ce_soft`` and
            ``mean_variance`` need them).
        kind (str): ``'l1'`` (mean |y_hat - y|), ``'ce_soft'`` (cross entropy
            to a Gaussian label distribution of std ``sigma``) or
            ``'mean_variance'`` (Pan et al. 2018: softmax CE to the rounded age
            + ``lambda_mean`` * (mean - y)^2 / 2 + ``lambda_var`` * variance).

    Returns:
        Tensor: scalar loss.
    """
    target = target.to(pred.dtype)
    if kind == 'l1':
        return (pred - target).abs().mean()
    if prob is None:
        raise ValueError(f"reg_loss={kind!r} needs reg_type='dex' (bin probabilities).")
    k = prob.shape[1]
    bins = torch.arange(k, device=prob.device, dtype=prob.dtype) + min_age
    y = target.to(prob.dtype).clamp(min_age, min_age + k - 1)
    logp = prob.clamp_min(1e-12).log()
    if kind == 'ce_soft':
        q = torch.exp(-0.5 * ((bins[None] - y[:, None]) / sigma)**2)
        q = q / q.sum(1, keepdim=True)
        return -(q * logp).sum(1).mean()
    idx = (y.round() - min_age).long()
    ce = F.nll_loss(logp, idx)
    mean = prob @ bins
    var = (prob * (bins[None] - mean[:, None])**2).sum(1)
    return ce + lambda_mean * 0.5 * ((mean - y)**2).mean() + lambda_var * var.mean()


@MODELS.register_module()
class AgeContrastHead(nn.Module):
    """Embedding projector + age regressor + contrastive age losses.

    Reconstruction of "Age Prediction From Face Images Via Contrastive
    Learning" (Chae, Raha, Kim, Stenger, arXiv 2308.11896): the age regressor
    plus ``1 - cos`` between an anchor and a different subject at the same age
    and a triplet margin pushing the same subject at another age away.

    Args:
        in_channels (int): Feature size C of the neck output f (B, C).
        hidden_channels (int): Projector hidden size. Defaults to 512.
        embed_dim (int): Embedding size of a = normalize(proj(f)). Defaults to 128.
        num_bins (int): DEX bins (ages ``min_age .. min_age+num_bins-1``).
            Defaults to 101.
        min_age (int): Age of the first bin. Defaults to 0.
        reg_type (str): ``'dex'`` (softmax expectation) or ``'linear'``.
            Defaults to 'dex'.
        reg_input (str): ``'feature'`` (f) or ``'embedding'`` (a). Defaults
            to 'feature'.
        reg_loss (str): ``'l1'``, ``'ce_soft'`` or ``'mean_variance'``.
            Defaults to 'l1'.
        soft_sigma (float): Std of the ``ce_soft`` label distribution.
            Defaults to 2.
        reg_weight (float): Weight of L_reg (0 turns it off: stage one of
            the two-stage schedule). Defaults to 1.
        cos_weight (float): lambda_cos (0 turns it off). Defaults to 1.
        tri_weight (float): lambda_tri (0 turns it off). Defaults to 1.
        margin (float): Triplet margin. Defaults to 0.2.
        distance (str): Triplet distance, ``'euclidean'`` or ``'cosine'``.
            Defaults to 'euclidean'.
    """

    def __init__(self,
                 in_channels: int,
                 hidden_channels: int = 512,
                 embed_dim: int = 128,
                 num_bins: int = 101,
                 min_age: int = 0,
                 reg_type: str = 'dex',
                 reg_input: str = 'feature',
                 reg_loss: str = 'l1',
                 soft_sigma: float = 2.0,
                 reg_weight: float = 1.0,
                 cos_weight: float = 1.0,
                 tri_weight: float = 1.0,
                 margin: float = 0.2,
                 distance: str = 'euclidean',
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__()
        for name, val, allowed in (('reg_type', reg_type, _REG_TYPES),
                                   ('reg_loss', reg_loss, _REG_LOSSES),
                                   ('reg_input', reg_input, _REG_INPUTS)):
            if val not in allowed:
                raise ValueError(f'AgeContrastHead {name} must be one of {allowed}, got {val!r}.')
        if reg_type == 'linear' and reg_loss != 'l1':
            raise ValueError(f"reg_loss={reg_loss!r} needs reg_type='dex'; use reg_loss='l1' "
                             "with reg_type='linear'.")
        if min(reg_weight, cos_weight, tri_weight) < 0:
            raise ValueError('AgeContrastHead loss weights must be >= 0.')
        self.projector = nn.Sequential(
            nn.Linear(in_channels, hidden_channels), nn.BatchNorm1d(hidden_channels),
            nn.ReLU(inplace=True), nn.Linear(hidden_channels, embed_dim))
        reg_in = in_channels if reg_input == 'feature' else embed_dim
        self.regressor = nn.Linear(reg_in, num_bins if reg_type == 'dex' else 1)
        self.reg_type, self.reg_input, self.reg_loss = reg_type, reg_input, reg_loss
        self.num_bins, self.min_age, self.soft_sigma = num_bins, min_age, soft_sigma
        self.reg_weight, self.cos_weight, self.tri_weight = reg_weight, cos_weight, tri_weight
        self.margin, self.distance = margin, distance

    @staticmethod
    def _feat(feats) -> Tensor:
        return feats[-1] if isinstance(feats, (tuple, list)) else feats

    def forward(self, feats) -> Dict[str, Tensor]:
        """Embeddings and ages.

        Args:
            feats (Tensor | tuple[Tensor]): neck output; the last (N, C) is used.

        Returns:
            dict: ``embed`` (N, D) normalised, ``pred_age`` (N,) and ``prob``
            (N, K) for the DEX regressor (None for linear).
        """
        f = self._feat(feats)
        embed = F.normalize(self.projector(f), dim=1)
        x = f if self.reg_input == 'feature' else embed
        out = self.regressor(x)
        if self.reg_type == 'dex':
            pred, prob = dex_expectation(out, self.min_age)
        else:
            pred, prob = out.float().squeeze(1), None
        return dict(embed=embed, pred_age=pred, prob=prob)

    def loss_from_outputs(self,
                          out: Dict[str, Tensor],
                          ages: Tensor,
                          triplets: Optional[Tuple[Tensor, Tensor, Tensor]] = None,
                          valid: Optional[Tensor] = None) -> Dict[str, Tensor]:
        """L = reg_weight*L_reg + cos_weight*L_cos + tri_weight*L_tri.

        Args:
            out (dict): :meth:`forward` output for N images.
            ages (Tensor): (N,) ground-truth ages.
            triplets (tuple[Tensor], optional): (T,) anchor, positive and
                negative indices into the N images. None: L_reg only.
            valid (Tensor, optional): (T,) bool; triplets without a negative
                are masked out of L_tri (L_cos still uses their positive).

        Returns:
            dict: ``loss_reg``, ``loss_cos``, ``loss_tri`` (those with weight > 0).
        """
        losses = {}
        if self.reg_weight > 0:
            losses['loss_reg'] = self.reg_weight * regression_loss(
                out['pred_age'], ages, out['prob'], self.reg_loss, self.soft_sigma,
                self.min_age)
        if triplets is not None:
            a_idx, p_idx, n_idx = triplets
            emb = out['embed']
            a, p, n = emb[a_idx], emb[p_idx], emb[n_idx]
            if self.cos_weight > 0:
                losses['loss_cos'] = self.cos_weight * cosine_pair_loss(a, p)
            if self.tri_weight > 0:
                losses['loss_tri'] = self.tri_weight * triplet_margin_loss(
                    a, p, n, self.margin, self.distance, valid)
        # Keep every head parameter in the graph when a branch is switched off (regression-
        # only, stage one of two-stage), so that DDP without find_unused_parameters works.
        unused = []
        if 'loss_reg' not in losses:
            unused.append(out['pred_age'].sum() * 0)
        if 'loss_cos' not in losses and 'loss_tri' not in losses:
            unused.append(out['embed'].sum() * 0)
        if unused and losses:
            first = next(iter(losses))
            losses[first] = losses[first] + sum(unused)
        if not losses:
            raise ValueError('AgeContrastHead: every loss weight is 0 (or no triplets '
                             'with reg_weight=0): nothing to train.')
        return losses
