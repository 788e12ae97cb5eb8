# Copyright (c) mmcontrast contributors. All rights reserved.
"""Encoder-decoder for RGB-X inputs with optional cross-modal contrast."""
from typing import Optional

import torch
from mmseg.models.segmentors import EncoderDecoder
from mmseg.registry import MODELS
from mmseg.utils import ConfigType, SampleList, add_prefix
from torch import Tensor


@MODELS.register_module()
class RGBXEncoderDecoder(EncoderDecoder):
    """mmseg ``EncoderDecoder`` on RGB ‖ X inputs, with SMMCL's contrast.

    The segmentor of SMMCL ("Understanding Dark Scenes by Contrasting
    Multi-Modal Observations", Dong & Yokoya, WACV 2024,
    https://arxiv.org/abs/2308.12320). Inputs are one (B, 6, H, W) tensor
    (RGB then X, built by ``LoadRGBXImageFromFile`` and normalised by
    ``SegDataPreProcessor`` with 6-element mean/std); the backbone (e.g.
    :class:`DualMSCAN`) splits the modalities. Inference, sliding windows,
    TTA and ``MMSegInferencer`` work unchanged because the inference path is
    the parent's. In training, when ``contrast_loss`` is set, the backbone also
    returns per-modality embeddings and the loss adds the contrastive terms
    (prefixed ``contrast.``) to the decode/auxiliary losses. Without
    ``contrast_loss`` this is the CMX-style baseline.

    Args:
        contrast_loss (dict, optional): Config of a loss called as
            ``loss(emb_rgb, emb_x, gt (B,1,H,W), num_classes) -> dict``
            (e.g. ``SMMCLLoss``). Defaults to None (no contrast).
        **kwargs: Arguments of ``mmseg.models.segmentors.EncoderDecoder``.
    """

    def __init__(self, contrast_loss: Optional[ConfigType] = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.contrast_loss = MODELS.build(contrast_loss) if contrast_loss else None
        if self.contrast_loss is not None and not getattr(self.backbone, 'with_projectors', False):
            raise ValueError('contrast_loss needs a backbone that returns embeddings: set '
                             'backbone.with_projectors=True (DualMSCAN) or drop contrast_loss.')

    @property
    def with_contrast(self) -> bool:
        """Whether the contrastive terms are trained."""
        return self.contrast_loss is not None

    def loss(self, inputs: Tensor, data_samples: SampleList) -> dict:
        """Decode (+auxiliary) losses plus the contrastive terms.

        Args:
            inputs (Tensor): (B, 6, H, W) normalised RGB ‖ X.
            data_samples (list[SegDataSample]): with ``gt_sem_seg`` (1, H, W).

        Returns:
            dict[str, Tensor]: loss components.
        """
        if not self.with_contrast:
            return super().loss(inputs, data_samples)
        feats, (emb_rgb, emb_x) = self.backbone(inputs, return_embeddings=True)
        if self.with_neck:
            feats = self.neck(feats)
        losses = dict()
        losses.update(self._decode_head_forward_train(feats, data_samples))
        if self.with_auxiliary_head:
            losses.update(self._auxiliary_head_forward_train(feats, data_samples))
        gt = torch.stack([ds.gt_sem_seg.data for ds in data_samples])  # (B, 1, H, W)
        contrast = self.contrast_loss(emb_rgb, emb_x, gt, self.num_classes)
        losses.update(add_prefix(contrast, 'contrast'))
        return losses


__all__ = ['RGBXEncoderDecoder']
