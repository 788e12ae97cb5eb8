# Copyright (c) mmcontrast contributors. All rights reserved.
"""FeatureLossMixin: one way for DenseCLIP/ICPC, the RGB-X segmentor and FOCAL to add
losses on named features."""
import os.path as osp

import pytest
import torch
from mmengine.config import Config
from mmengine.registry import DefaultScope
from mmseg.registry import MODELS

import mmcontrast.seg  # noqa: F401

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
TINY_ICPC = osp.join(REPO, 'configs/icpc/icpc_clip-tiny-fpn_1xb4-300iter_mini-ade-64x64.py')
TINY_SMMCL = osp.join(
    REPO, 'configs/smmcl/smmcl_dual-mscan-tiny-lightham_1xb2-20iter_mini-llrgbd-64x96.py')


@pytest.fixture(autouse=True)
def mmseg_scope():
    with DefaultScope.overwrite_default_scope('mmseg'):
        yield


def _model_cfg(path, **overrides):
    cfg = Config.fromfile(path)
    cfg.merge_from_dict({f'model.{k}': v for k, v in overrides.items()})
    cfg = cfg.model
    return cfg


def test_configs_attach_losses_by_feature_name():
    icpc = MODELS.build(_model_cfg(TINY_ICPC))
    assert list(icpc.feature_losses) == ['agc']
    assert icpc._feature_loss_inputs['agc'] == ('score_maps', )
    smmcl = MODELS.build(_model_cfg(TINY_SMMCL))
    assert smmcl._feature_loss_inputs['contrast'] == ('emb_rgb', 'emb_x')
    assert smmcl._feature_loss_wants_k['contrast']  # SMMCLLoss takes num_classes


def test_inherited_config_drops_one_loss_by_name():
    icpc = MODELS.build(_model_cfg(TINY_ICPC, **{'feature_losses.agc': None}))
    assert len(icpc.feature_losses) == 0 and not icpc.with_feature_losses


def test_unknown_feature_name_is_a_clear_error():
    with pytest.raises(ValueError, match=r"available: \('neck', 'score_maps'"):
        MODELS.build(_model_cfg(TINY_ICPC, **{'feature_losses.agc.features': 'scores'}))
    with pytest.raises(ValueError, match="needs 'features'"):
        MODELS.build(_model_cfg(TINY_ICPC, **{'feature_losses.agc.features': None}))
    cfg = _model_cfg(TINY_ICPC)
    cfg.feature_losses = [dict(type='AlignGuidedContrastiveLoss', features='score_maps')]
    with pytest.raises(TypeError, match='feature_losses must be a dict'):
        MODELS.build(cfg)


def test_projectors_without_a_loss_reading_them_are_rejected():
    """Issue 12: parameters without gradient break DDP, so the baseline must not build
    the projectors it would never train."""
    with pytest.raises(ValueError, match='with_projectors=False'):
        MODELS.build(_model_cfg(TINY_SMMCL, **{'feature_losses.contrast': None}))


def test_dual_mscan_has_no_parameter_without_gradient():
    """Issue 12: ``backbone.fusions.0`` had no gradient (LightHam reads strides 8-32 only).
    After one loss backward every trainable parameter of the SMMCL tiny model has a grad."""
    from mmengine.structures import PixelData
    from mmseg.structures import SegDataSample
    torch.manual_seed(0)
    model = MODELS.build(_model_cfg(TINY_SMMCL))
    model.init_weights()
    samples = []
    for _ in range(2):
        s = SegDataSample()
        s.gt_sem_seg = PixelData(data=torch.randint(0, 5, (1, 64, 96)))
        s.set_metainfo(dict(img_shape=(64, 96), ori_shape=(64, 96), pad_shape=(64, 96)))
        samples.append(s)
    losses = model.loss(torch.randn(2, 6, 64, 96), samples)
    sum(v for k, v in losses.items() if 'loss' in k).backward()
    no_grad = [n for n, p in model.named_parameters() if p.requires_grad and p.grad is None]
    assert no_grad == []
    assert isinstance(model.backbone.fusions[0], torch.nn.Identity)
    assert model.backbone.out_indices == (1, 2, 3)
