# Copyright (c) mmcontrast contributors. All rights reserved.
"""FOCAL v2 soft contrastive loss (SCL) -- a RECONSTRUCTION, not the paper's equations.

The revised FOCAL paper ("Rethinking Image Forgery Detection via Soft
Contrastive Learning and Unsupervised Clustering", Wu, Chen, Zhou, Li; IEEE
TDSC 22(6), 2025; arXiv 2308.09307 v2) adds optimisable per-pixel weights and
category centres solved by alternating Lagrangian optimisation (its Eqs. 1-9).
Neither the equations nor code are available to this project, so this module
implements the stand-in formulation the method spec defines (marked [recon]):

* centres ``M0 = l2n(mean(Q))``, ``M1 = l2n(mean(N))`` of the sampled pristine
  ``Q`` and forged ``N`` features of each image (detached);
* anchor weights ``w_i = sigmoid((cos(f_i, M_own) - cos(f_i, M_other)) / t_w)``,
  renormalised to mean 1 over the valid anchors of each image (detached);
* loss = the v1 loss (:func:`focal_contrast_loss`) with each anchor's
  cross-entropy term multiplied by ``w_i``.

Replace :func:`focal_soft_weights` when the paper's equations are obtained.
Configs using it are named ``focal-v2-sclrecon_*``.
"""
from functools import partial
from typing import Optional

import torch
import torch.nn.functional as F
from torch import Tensor

from mmcontrast.registry import MODELS
from ..engine import check_temperature, paired_similarity
from .focal_contrast import FOCALContrastLoss, _labels_on_grid, focal_contrast_loss


def _masked_centre(x: Tensor, valid: Tensor) -> Tensor:
    """(B, K, C), (B, K) -> (B, C) unit-norm mean of the valid rows (0 if none)."""
    w = valid.to(x.dtype).unsqueeze(-1)
    mean = (x * w).sum(1) / w.sum(1).clamp(min=1)
    return F.normalize(mean, dim=-1)


@torch.no_grad()
def focal_soft_weights(q: Tensor, q_valid: Tensor, n: Tensor, n_valid: Tensor,
                       weight_temperature: float = 0.1) -> Tensor:
    """Detached per-anchor weights of the [recon] soft contrastive loss.

    Args:
        q (Tensor): (B, K, C) anchor-group samples (own class).
        q_valid (Tensor): (B, K) bool.
        n (Tensor): (B, M, C) other-class samples.
        n_valid (Tensor): (B, M) bool.
        weight_temperature (float): Sharpness ``t_w`` of the sigmoid.
            Defaults to 0.1.

    Returns:
        Tensor: (B, K) weights, mean 1 over the valid anchors of each image,
        0 on invalid rows.
    """
    m_own = _masked_centre(q, q_valid)  # (B, C)
    m_other = _masked_centre(n, n_valid)
    f = F.normalize(q, dim=-1)
    margin = paired_similarity(f, m_own[:, None]) - paired_similarity(f, m_other[:, None])
    w = torch.sigmoid(margin / weight_temperature) * q_valid.to(q.dtype)
    total = w.sum(1, keepdim=True)
    count = q_valid.sum(1, keepdim=True).to(q.dtype)
    return torch.where(total > 0, w * count / total.clamp(min=torch.finfo(q.dtype).tiny),
                       q_valid.to(q.dtype))


def focal_soft_contrast_loss(feats: Tensor, labels: Tensor, temperature: float = 0.1,
                             dict_size: int = 1000, pos_mode: str = 'mean_sim',
                             symmetric: bool = False, weight_temperature: float = 0.1,
                             generator: Optional[torch.Generator] = None) -> Tensor:
    """[recon] FOCAL v2 soft contrastive loss; arguments as :func:`focal_contrast_loss`.

    Args:
        feats (Tensor): (B, C, h, w) features.
        labels (Tensor): (B, h, w) 0 pristine / 1 forged / other ignored.
        weight_temperature (float): See :func:`focal_soft_weights`.

    Returns:
        Tensor: scalar loss.
    """
    check_temperature('weight_temperature', weight_temperature)
    fn = partial(focal_soft_weights, weight_temperature=weight_temperature)
    return focal_contrast_loss(feats, labels, temperature, dict_size, pos_mode,
                               symmetric, generator, weight_fn=fn)


@MODELS.register_module()
class FOCALSoftContrastLoss(FOCALContrastLoss):
    """FOCAL v2 soft contrastive loss: the method spec's RECONSTRUCTION of SCL.

    TDSC 2025 version of FOCAL (arXiv 2308.09307 v2); the paper's SCL equations
    are unavailable, see the module docstring for what is implemented.

    Args:
        weight_temperature (float): Sigmoid sharpness of the anchor weights.
            Defaults to 0.1.
        **kwargs: As :class:`FOCALContrastLoss` (``loss_name`` defaults to
            'loss_focal_soft').
    """

    def __init__(self, weight_temperature: float = 0.1, loss_name: str = 'loss_focal_soft',
                 **kwargs) -> None:
        super().__init__(loss_name=loss_name, **kwargs)
        check_temperature('weight_temperature', weight_temperature)
        self.weight_temperature = float(weight_temperature)

    def forward(self, feats: Tensor, labels: Tensor,
                generator: Optional[torch.Generator] = None) -> Tensor:
        """Args: feats (B, C, h, w); labels (B, H, W) or (B, 1, H, W). Returns: scalar."""
        return self.loss_weight * focal_soft_contrast_loss(
            feats, _labels_on_grid(feats, labels), self.temperature, self.dict_size,
            self.pos_mode, self.symmetric, self.weight_temperature, generator)
