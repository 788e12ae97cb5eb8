# Copyright (c) mmcontrast contributors. All rights reserved.
"""Encoder-decoder for RGB-X inputs with optional cross-modal contrast."""
from typing import Any, Dict, Mapping, Optional

from mmseg.models.segmentors import EncoderDecoder
from mmseg.registry import MODELS
from mmseg.utils import SampleList
from torch import Tensor

from .feature_losses import FeatureLossMixin


@MODELS.register_module()
class RGBXEncoderDecoder(FeatureLossMixin, EncoderDecoder):
    """mmseg ``EncoderDecoder`` on RGB ‖ X inputs, with SMMCL's contrast.

    The segmentor of SMMCL ("Understanding Dark Scenes by Contrasting
    Multi-Modal Observations", Dong & Yokoya, WACV 2024,
    https://arxiv.org/abs/2308.12320). Inputs are one (B, 6, H, W) tensor
    (RGB then X, built by ``LoadRGBXImageFromFile`` and normalised by
    ``SegDataPreProcessor`` with 6-element mean/std); the backbone (e.g.
    :class:`DualMSCAN`) splits the modalities. Inference, sliding windows,
    TTA and ``MMSegInferencer`` work unchanged because the inference path is
    the parent's. Without ``feature_losses`` this is the CMX-style baseline.

    Named features (:class:`FeatureLossMixin`): ``neck`` (the decode head's
    inputs), ``emb_rgb`` and ``emb_x`` ((B, D, H/32, W/32) projector
    embeddings of each stream; computed only when a loss reads them). SMMCL::

        feature_losses=dict(contrast=dict(
            type='SMMCLLoss', features=('emb_rgb', 'emb_x'), min_views=5))

    Args:
        feature_losses (dict, optional): ``{name: loss config}``, see
            :class:`FeatureLossMixin`. Defaults to None (no contrast).
        **kwargs: Arguments of ``mmseg.models.segmentors.EncoderDecoder``.
    """

    feature_names = ('neck', 'emb_rgb', 'emb_x')

    def __init__(self, feature_losses: Optional[Mapping[str, Optional[dict]]] = None,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.init_feature_losses(feature_losses)
        wants_emb = bool(self.required_features & {'emb_rgb', 'emb_x'})
        if wants_emb and not getattr(self.backbone, 'with_projectors', False):
            raise ValueError('feature_losses read emb_rgb/emb_x: set backbone.with_projectors='
                             'True (DualMSCAN) or drop those losses.')
        if not wants_emb and getattr(self.backbone, 'with_projectors', False):
            raise ValueError('backbone.with_projectors=True but no feature loss reads '
                             'emb_rgb/emb_x: the projectors would get no gradient (DDP fails); '
                             'set backbone.with_projectors=False.')

    def extract_named_feats(self, inputs: Tensor) -> Dict[str, Any]:
        """Args: inputs (B, 6, H, W). Returns: ``neck`` (list of maps) and,
        when a loss reads them, ``emb_rgb`` / ``emb_x`` (B, D, H/32, W/32)."""
        if self.required_features & {'emb_rgb', 'emb_x'}:
            feats, (emb_rgb, emb_x) = self.backbone(inputs, return_embeddings=True)
            named = dict(emb_rgb=emb_rgb, emb_x=emb_x)
        else:
            feats, named = self.backbone(inputs), {}
        named['neck'] = self.neck(feats) if self.with_neck else feats
        return named

    def loss(self, inputs: Tensor, data_samples: SampleList) -> dict:
        """Decode (+auxiliary) losses plus the feature losses.

        Args:
            inputs (Tensor): (B, 6, H, W) normalised RGB ‖ X.
            data_samples (list[SegDataSample]): with ``gt_sem_seg`` (1, H, W).

        Returns:
            dict[str, Tensor]: loss components.
        """
        named = self.extract_named_feats(inputs)
        losses = dict()
        losses.update(self._decode_head_forward_train(named['neck'], data_samples))
        if self.with_auxiliary_head:
            losses.update(self._auxiliary_head_forward_train(named['neck'], data_samples))
        losses.update(self.feature_loss(named, data_samples))
        return losses


__all__ = ['RGBXEncoderDecoder']
