# Copyright (c) mmcontrast contributors. All rights reserved.
"""FOCAL: forgery localisation by per-image contrast and test-time clustering."""
from typing import Any, Dict, List, Mapping, Optional, Sequence

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmengine.structures import PixelData
from mmseg.models.segmentors import BaseSegmentor
from mmseg.registry import MODELS
from mmseg.utils import ConfigType, OptConfigType, OptMultiConfig, SampleList
from torch import Tensor

import mmcontrast.clustering  # noqa: F401  (registers the clusterers in root MODELS)
from .feature_losses import FeatureLossMixin


@MODELS.register_module()
class FOCAL(FeatureLossMixin, BaseSegmentor):
    """FOCAL (FOrensic ContrAstive cLustering) as an mmseg segmentor.

    Wu, Chen, Zhou, "Rethinking Image Forgery Detection via Contrastive
    Learning and Unsupervised Clustering", arXiv 2308.09307 (v2: "... via Soft
    Contrastive Learning ...", IEEE TDSC 2025). Official code: HighwayWu/FOCAL.

    * ``loss``: the dense features of ``extractors[0]`` (B, C, h, w), named
      ``dense`` (:class:`FeatureLossMixin`), go to a per-image pixel contrast
      against the forgery mask on the feature grid. There is no classifier::

          feature_losses=dict(contrast=dict(type='FOCALContrastLoss',
                                            features='dense'))
    * ``predict``: every extractor runs in eval mode without gradients; each
      output is L2-normalised over channels, resized to the first extractor's
      grid by nearest interpolation and concatenated (fusion of independently
      trained extractors, no retraining); the ``clusterer`` splits every image's
      features into pristine (0) / forged (1). ``pred_sem_seg`` is the grid
      prediction upsampled (nearest) to the original image size;
      ``pred_grid_seg`` keeps the grid prediction (the official metric's
      resolution) and ``pred_forgery_score`` an image-level score.

    Only ``extractors[0]`` is trained; the others are frozen and are meant to be
    loaded from their own FOCAL checkpoints (see
    ``tools/model_converters/focal_fuse_checkpoints.py``).

    Args:
        extractors (list[dict]): Backbone configs (e.g. ``mmpretrain.ViTSAM``
            with ``out_type='featmap'``, mmseg ``HRNet`` with
            ``multiscale_output=False``). The last output of a backbone that
            returns a list/tuple is used.
        clusterer (dict): Clusterer config (``KMeans2Clusterer`` or
            ``HDBSCANClusterer``).
        feature_losses (dict, optional): ``{name: loss config}`` on the named
            feature ``dense`` (``FOCALContrastLoss`` / ``FOCALSoftContrastLoss``, root
            ``MODELS``); None for test-only (fusion) configs. Defaults to None.
        fusion_size (Sequence[int], optional): (h, w) grid the extractors'
            features are nearest-resized to before concatenation; the first
            extractor's grid when None (official). Defaults to None.
        upsample_to_original (bool): Write ``pred_sem_seg`` at the original
            image size (else at the input size). Defaults to True.
        data_preprocessor (dict, optional): ``SegDataPreProcessor`` config;
            FOCAL uses ``mean=[0, 0, 0], std=[255, 255, 255], bgr_to_rgb=True``.
        init_cfg (dict, optional): Initialisation config.
    """

    feature_names = ('dense', )

    def __init__(self, extractors: Sequence[ConfigType], clusterer: ConfigType,
                 feature_losses: Optional[Mapping[str, Optional[dict]]] = None,
                 fusion_size: Optional[Sequence[int]] = None,
                 upsample_to_original: bool = True,
                 data_preprocessor: OptConfigType = None,
                 init_cfg: OptMultiConfig = None) -> None:
        super().__init__(data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        if not isinstance(extractors, (list, tuple)) or len(extractors) == 0:
            raise ValueError('extractors must be a non-empty list of backbone configs, '
                             f'got {extractors!r}')
        self.extractors = nn.ModuleList([MODELS.build(c) for c in extractors])
        for m in list(self.extractors)[1:]:
            m.requires_grad_(False)
        self.init_feature_losses(feature_losses)
        self.clusterer = MODELS.build(clusterer)
        if fusion_size is not None and (len(fusion_size) != 2 or min(fusion_size) < 1):
            raise ValueError(f'fusion_size must be None or (h, w) > 0, got {fusion_size}')
        self.fusion_size = tuple(int(v) for v in fusion_size) if fusion_size else None
        self.upsample_to_original = upsample_to_original

    def _features(self, index: int, inputs: Tensor) -> Tensor:
        """(B, 3, H, W) -> (B, C_i, h_i, w_i) raw features of extractor ``index``."""
        out = self.extractors[index](inputs)
        if isinstance(out, (list, tuple)):
            out = out[-1]
        return out

    def extract_feat(self, inputs: Tensor) -> Tensor:
        """Fused features: (B, sum_i C_i, h, w) on ``fusion_size`` (default: the
        first extractor's grid), each part unit-norm over its channels."""
        feats, size = [], self.fusion_size
        for i in range(len(self.extractors)):
            f = F.normalize(self._features(i, inputs).float(), dim=1)
            size = size or tuple(f.shape[-2:])
            if tuple(f.shape[-2:]) != size:
                f = F.interpolate(f, size=size, mode='nearest')
            feats.append(f)
        return torch.cat(feats, dim=1)

    def loss(self, inputs: Tensor, data_samples: SampleList) -> Dict[str, Tensor]:
        """Per-image contrastive loss of ``extractors[0]``.

        Args:
            inputs (Tensor): (B, 3, H, W).
            data_samples (list[SegDataSample]): ``gt_sem_seg`` (1, h', w') in
                {0, 1}, on the feature grid (``ResizeForgery``) or any size
                (then nearest-resized).

        Returns:
            dict: ``{loss_name: scalar}``.
        """
        if not self.with_feature_losses:
            raise ValueError('FOCAL.loss needs feature_losses, e.g. dict(contrast=dict('
                             "type='FOCALContrastLoss', features='dense')).")
        return self.feature_loss(self.extract_named_feats(inputs), data_samples)

    def extract_named_feats(self, inputs: Tensor) -> Dict[str, Any]:
        """Training features: ``dense`` (B, C, h, w) raw output of ``extractors[0]``."""
        return dict(dense=self._features(0, inputs))

    @torch.no_grad()
    def cluster(self, inputs: Tensor) -> Dict[str, Tensor]:
        """Cluster every image: ``grid`` (B, h, w) long in {0, 1}, ``score`` (B,)."""
        for m in self.extractors:
            m.eval()  # the official fix 5c330e8: every sub-network in eval mode
        feats = self.extract_feat(inputs)
        B, C, h, w = feats.shape
        with torch.autocast(device_type=feats.device.type, enabled=False):
            res = self.clusterer(feats.float().flatten(2).transpose(1, 2))
        return dict(grid=res['labels'].view(B, h, w), score=res['score'])

    def encode_decode(self, inputs: Tensor, batch_img_metas: List[dict]) -> Tensor:
        """One-hot 'logits' (B, 2, H, W) of the clustering at the input size."""
        grid = self.cluster(inputs)['grid']
        onehot = F.one_hot(grid, 2).permute(0, 3, 1, 2).float()
        return F.interpolate(onehot, size=inputs.shape[-2:], mode='nearest')

    def predict(self, inputs: Tensor, data_samples: Optional[SampleList] = None) -> SampleList:
        """Cluster and write ``pred_sem_seg`` (1, H0, W0), ``pred_grid_seg`` (1, h, w),
        ``pred_forgery_score`` into each data sample."""
        from mmseg.structures import SegDataSample
        res = self.cluster(inputs)
        grid, score = res['grid'], res['score']
        B, h, w = grid.shape
        H, W = inputs.shape[-2:]
        if data_samples is None:
            data_samples = [SegDataSample() for _ in range(B)]
        for b, ds in enumerate(data_samples):
            meta = ds.metainfo
            img_h, img_w = meta.get('img_shape', (H, W))[:2]
            gh = max(1, min(h, round(img_h / H * h)))  # drop the grid cells of padding
            gw = max(1, min(w, round(img_w / W * w)))
            g = grid[b, :gh, :gw]
            size = tuple(meta.get('ori_shape', (img_h, img_w))[:2]) \
                if self.upsample_to_original else (img_h, img_w)
            full = F.interpolate(g[None, None].float(), size=size, mode='nearest')[0].long()
            ds.set_data(dict(pred_sem_seg=PixelData(data=full),
                             pred_grid_seg=PixelData(data=g[None].long())))
            ds.set_field(score[b].detach().cpu(), 'pred_forgery_score')
        return data_samples

    def _forward(self, inputs: Tensor, data_samples: OptConfigType = None) -> Tensor:
        """Network forward (tensor mode): the fused features (B, C, h, w)."""
        return self.extract_feat(inputs)
