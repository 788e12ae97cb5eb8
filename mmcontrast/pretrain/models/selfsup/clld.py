# Copyright (c) mmcontrast contributors. All rights reserved.
"""CLLD: contrastive pretraining for lane detection via cross-similarity."""
import copy
from typing import Dict, List, Optional, Union

import numpy as np
import torch
import torch.nn as nn
from mmpretrain.models.selfsup import BaseSelfSupervisor
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

from mmcontrast.contrastive.samplers import box_positive_pairs
from mmcontrast.contrastive.teacher import MomentumTeacher
from .._official import resolve_official
from ..utils.sine_compounding_ema import SineCompoundingEMA


@MODELS.register_module()
class CLLD(BaseSelfSupervisor):
    """CLLD (Zoljodi et al., "Contrastive Learning for Lane Detection via
    Cross-Similarity", arXiv 2308.08242, https://arxiv.org/abs/2308.08242).

    PixPro-style pixel-propagation consistency between two views (one made
    from a patch-masked copy of the image), CLLD's cross-similarity loss
    between the two views' propagated maps, and a per-channel spatial
    cosine "instance" term between online and target features::

        L = λ (L_cons(y1, t2, A12) + L_cons(y2, t1, A21)) + β L_xsim(y1, y2)
            + ξ (L_inst(x1, t1) + L_inst(x2, t2))

    With ``xsim_loss=None`` this is the PixPro baseline (plus the instance
    term unless ``instance_loss=None``).

    Args:
        backbone (dict): ResNet config (``out_indices=(3,)``).
        neck (dict): ``DenseProjectionNeck`` config.
        ppm (dict): ``PixelPropagation`` config.
        consistency_loss (dict): ``PixelConsistencyLoss`` config (λ).
        xsim_loss (dict, optional): ``CrossSimilarityLoss`` config (α, β);
            None disables the term (PixPro baseline).
        instance_loss (dict, optional): ``SpatialCosineLoss`` config (ξ);
            None disables the term.
        base_momentum (float): Target update rate at the start, mmengine
            convention (0.01 = keep 0.99). Defaults to 0.01.
        end_momentum (float): Update rate at the end (0 = keep 1.0).
        pos_threshold (float): Positive-pair distance threshold. Defaults to 0.7.
        official_compat (bool): Turn every official-code quirk on (spec §7);
            each per-item flag below, when given, overrides it.
        momentum_schedule (str, optional): ``'cosine'`` (a
            :class:`~mmcontrast.contrastive.teacher.MomentumTeacher` with
            ``CosineEMARule``, as mmpretrain ``CosineEMA``: one update per
            iteration before both target forwards; default) or
            ``'official'`` (``SineCompoundingEMA``, the official order: two
            updates per iteration, ``update -> t2 = target(v2) -> update ->
            t1 = target(v1)``, each averaging with the current m before
            compounding it; spec §7 item 5).
        dist_norm (str, optional): ``'pixpro'`` (diag/7) or ``'official'``
            (diag/49).
        lambda_first_only (bool, optional): λ weights only the first
            consistency term (official).
        inst_mode (str): ``'same_view'`` (official) or ``'cross_view'``.
        pretrained (str, optional): Checkpoint to load. Defaults to None.
        data_preprocessor (dict, optional): Defaults to
            ``SelfSupDataPreprocessor``.
        init_cfg (dict | list[dict], optional): Defaults to None.
    """

    def __init__(self,
                 backbone: dict,
                 neck: dict,
                 ppm: dict = dict(type='PixelPropagation', channels=256, gamma=2.0),
                 consistency_loss: dict = dict(type='PixelConsistencyLoss', loss_weight=1.0),
                 xsim_loss: Optional[dict] = dict(type='CrossSimilarityLoss', alpha=3,
                                                  loss_weight=2.0),
                 instance_loss: Optional[dict] = dict(type='SpatialCosineLoss', loss_weight=1.0),
                 base_momentum: float = 0.01,
                 end_momentum: float = 0.0,
                 pos_threshold: float = 0.7,
                 official_compat: bool = False,
                 momentum_schedule: Optional[str] = None,
                 dist_norm: Optional[str] = None,
                 lambda_first_only: Optional[bool] = None,
                 inst_mode: str = 'same_view',
                 pretrained: Optional[str] = None,
                 data_preprocessor: Optional[dict] = None,
                 init_cfg: Optional[Union[List[dict], dict]] = None) -> None:
        super().__init__(backbone=backbone, neck=neck, pretrained=pretrained,
                         data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        self.momentum_schedule = resolve_official(
            'momentum_schedule', momentum_schedule, official_compat, 'cosine', 'official',
            ('cosine', 'official'))
        self.dist_norm = resolve_official('dist_norm', dist_norm, official_compat, 'pixpro',
                                          'official', ('pixpro', 'official'))
        self.lambda_first_only = resolve_official('lambda_first_only', lambda_first_only,
                                                  official_compat, False, True, (False, True))
        if inst_mode not in ('same_view', 'cross_view'):
            raise ValueError(f"inst_mode must be 'same_view' or 'cross_view', got {inst_mode!r}.")
        if not 0 < pos_threshold:
            raise ValueError(f'pos_threshold must be > 0, got {pos_threshold!r}.')
        self.inst_mode, self.pos_threshold = inst_mode, pos_threshold

        consistency_loss = copy.deepcopy(consistency_loss)
        if official_compat:
            consistency_loss.setdefault('transpose_mask', True)
        self.consistency_loss = MODELS.build(consistency_loss)
        self.ppm = MODELS.build(ppm)
        if xsim_loss is not None:
            xsim_loss = copy.deepcopy(xsim_loss)
            if official_compat:
                xsim_loss.setdefault('sign', 'official')
            self.xsim_loss = MODELS.build(xsim_loss)
        else:
            self.xsim_loss = None
        self.instance_loss = MODELS.build(instance_loss) if instance_loss is not None else None

        online = nn.Sequential(self.backbone, self.neck)
        if self.momentum_schedule == 'official':
            self.target_net = SineCompoundingEMA(online, momentum=base_momentum)
        else:
            self.target_net = MomentumTeacher(
                online,
                rule=dict(type='CosineEMARule', momentum=base_momentum,
                          end_momentum=end_momentum))

    @staticmethod
    def _geometry(data_samples: List[DataSample], device: torch.device):
        """Stack per-sample view boxes (B, 2, 4) and flips (B, 2) from the metainfo."""
        for ds in data_samples:
            if 'crop_bbox' not in ds or 'flip' not in ds:
                raise KeyError('CLLD needs `crop_bbox` and `flip` in the data samples: pack '
                               "them with PackInputs(meta_keys=('crop_bbox', 'flip', ...)) "
                               'after CLLDMaskedTwoViews.')
        boxes = torch.as_tensor(np.stack([np.asarray(ds.crop_bbox, np.float64)
                                          for ds in data_samples]), device=device)
        flips = torch.as_tensor(np.stack([np.asarray(ds.flip, bool) for ds in data_samples]),
                                device=device)
        return boxes, flips

    def loss(self, inputs: List[torch.Tensor], data_samples: List[DataSample],
             **kwargs) -> Dict[str, torch.Tensor]:
        """Compute the CLLD losses.

        Args:
            inputs (list[Tensor]): Two views, (B, 3, H, W) each.
            data_samples (list[DataSample]): With metainfo ``crop_bbox``
                (2, 4) ``(x, y, w, h)`` in the source frame and ``flip`` (2,).

        Returns:
            dict[str, Tensor]: ``loss_cons``, and ``loss_xsim`` / ``loss_inst``
            when enabled.
        """
        if not isinstance(inputs, (list, tuple)) or len(inputs) != 2:
            raise ValueError('CLLD expects two views per sample.')
        v1, v2 = inputs
        online = nn.Sequential(self.backbone, self.neck)
        official = self.momentum_schedule == 'official'
        if not official:
            self.target_net.update_parameters(online)
        x1, x2 = self.neck(self.backbone(v1))[0], self.neck(self.backbone(v2))[0]
        y1, y2 = self.ppm(x1), self.ppm(x2)
        with torch.no_grad():
            if official:
                # Official order: one update per target forward, the second view's target
                # between the two updates (spec §7 item 5, issue 11).
                self.target_net.update_parameters(online)
                t2 = self.target_net(v2)[0]
                self.target_net.update_parameters(online)
                t1 = self.target_net(v1)[0]
            else:
                t1, t2 = self.target_net(v1)[0], self.target_net(v2)[0]

        boxes, flips = self._geometry(data_samples, v1.device)
        grid = tuple(x1.shape[-2:])
        a12 = box_positive_pairs(boxes[:, 0], flips[:, 0], boxes[:, 1], flips[:, 1], grid,
                                 self.pos_threshold, self.dist_norm)
        a21 = box_positive_pairs(boxes[:, 1], flips[:, 1], boxes[:, 0], flips[:, 0], grid,
                                 self.pos_threshold, self.dist_norm)
        cons2_weight = 1.0 if self.lambda_first_only else None
        losses = dict(loss_cons=self.consistency_loss(y1, t2, a12)
                      + self.consistency_loss(y2, t1, a21, weight=cons2_weight))
        if self.xsim_loss is not None:
            losses['loss_xsim'] = self.xsim_loss(y1, y2)
        if self.instance_loss is not None:
            if self.inst_mode == 'same_view':
                losses['loss_inst'] = self.instance_loss(x1, t1) + self.instance_loss(x2, t2)
            else:
                losses['loss_inst'] = self.instance_loss(x1, t2) + self.instance_loss(x2, t1)
        return losses
