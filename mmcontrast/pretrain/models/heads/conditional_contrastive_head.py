# Copyright (c) mmcontrast contributors. All rights reserved.
"""Contrastive head over two views that can condition the loss on metadata."""
from typing import Dict, Optional

import torch
import torch.nn.functional as F
from mmengine.model import BaseModule
from mmpretrain.registry import MODELS
from torch import Tensor


@MODELS.register_module()
class ConditionalContrastiveHead(BaseModule):
    """Two-view contrastive head with optional per-sample metadata.

    The head of DCCL (Ruppli et al., "Decoupled conditional contrastive
    learning with variable metadata for prostate lesion detection", MILLanD
    @ MICCAI 2023, https://arxiv.org/abs/2308.09542). It L2-normalises the
    projections of the two views and calls its loss:

    * ``conditional=True``: ``loss(z1, z2, labels, confidence)`` (e.g.
      ``ConfidenceAlignUniformLoss``: DCCL and its label-only ablation);
    * ``conditional=False``: ``loss(z1, z2)`` (e.g. ``AlignUniformLoss`` or an
      ``InfoNCELoss`` configured as DCL / NT-Xent).

    A loss returning a dict is passed through; a tensor becomes ``{'loss':
    tensor}``.

    Args:
        loss (dict): Loss config (root registry).
        conditional (bool): Pass ``labels`` and ``confidence``. Defaults to
            True.
        init_cfg (dict, optional): Defaults to None.
    """

    def __init__(self, loss: dict, conditional: bool = True,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        self.loss_module = MODELS.build(loss)
        self.conditional = conditional

    def loss(self, z1: Tensor, z2: Tensor, labels: Optional[Tensor] = None,
             confidence: Optional[Tensor] = None) -> Dict[str, Tensor]:
        """Loss of the two views.

        Args:
            z1 (Tensor): (B, d) projections of view 1 (un-normalised).
            z2 (Tensor): (B, d) projections of view 2; row i is the twin of
                ``z1[i]``.
            labels (Tensor, optional): (B,) metadata labels, -1 unlabeled.
            confidence (Tensor, optional): (B,) metadata confidences.

        Returns:
            dict[str, Tensor]: loss terms.
        """
        if not torch.isfinite(z1).all() or not torch.isfinite(z2).all():
            raise ValueError('ConditionalContrastiveHead got non-finite projections.')
        z1, z2 = F.normalize(z1.float(), dim=1), F.normalize(z2.float(), dim=1)
        if self.conditional:
            if labels is None or confidence is None:
                raise ValueError('a conditional head needs labels and confidence '
                                 '(meta_label / meta_conf in the data samples).')
            out = self.loss_module(z1, z2, labels, confidence)
        else:
            out = self.loss_module(z1, z2)
        return dict(out) if isinstance(out, dict) else dict(loss=out)
