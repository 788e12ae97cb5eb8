# Copyright (c) mmcontrast contributors. All rights reserved.
import numpy as np
import pytest
import torch
from mmengine.logging import MessageHub
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

import mmcontrast.pretrain  # noqa: F401
from mmcontrast.pretrain.models.utils import SineCompoundingEMA


def _cfg(**kw):
    cfg = dict(
        type='CLLD',
        backbone=dict(type='ResNet', depth=18, out_indices=(3, )),
        neck=dict(type='DenseProjectionNeck', in_channels=512, hid_channels=16, out_channels=8),
        ppm=dict(type='PixelPropagation', channels=8),
        xsim_loss=dict(type='CrossSimilarityLoss', alpha=2, loss_weight=2.0),
        data_preprocessor=dict(type='SelfSupDataPreprocessor', mean=[0, 0, 0],
                               std=[1, 1, 1]))
    cfg.update(kw)
    return cfg


def _samples(B):
    out = []
    for b in range(B):
        ds = DataSample()
        ds.set_metainfo(dict(crop_bbox=np.array([[0, 0, 60, 60], [10 * b, 5, 50, 55]],
                                                np.float32),
                             flip=np.array([False, b % 2 == 1])))
        out.append(ds)
    return out


def test_loss_step_and_target_moves_by_ema():
    MessageHub.get_current_instance().update_info('max_iters', 4)
    torch.manual_seed(0)
    model = MODELS.build(_cfg())
    model.init_weights()
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    x = [torch.randn(2, 3, 64, 64), torch.randn(2, 3, 64, 64)]
    losses = model.loss(x, _samples(2))
    assert set(losses) == {'loss_cons', 'loss_xsim', 'loss_inst'}
    assert all(torch.isfinite(v) for v in losses.values())
    sum(losses.values()).backward()
    opt.step()
    name = 'module.0.conv1.weight'
    tgt_old = dict(model.target_net.named_parameters())[name].detach().clone()
    online = model.backbone.conv1.weight.detach().clone()
    model.loss(x, _samples(2))  # step 1 of 4: update rate from CosineEMA
    m = 0.01 * (np.cos(np.pi * 1 / 4) + 1) / 2
    torch.testing.assert_close(dict(model.target_net.named_parameters())[name],
                               (1 - m) * tgt_old + m * online)


def test_pixpro_baseline_and_batch_one():
    model = MODELS.build(_cfg(xsim_loss=None, instance_loss=None))
    MessageHub.get_current_instance().update_info('max_iters', 4)
    losses = model.loss([torch.randn(1, 3, 64, 64), torch.randn(1, 3, 64, 64)], _samples(1))
    assert set(losses) == {'loss_cons'} and torch.isfinite(losses['loss_cons'])


def test_official_compat_switches():
    model = MODELS.build(_cfg(official_compat=True))
    assert isinstance(model.target_net, SineCompoundingEMA)
    assert model.dist_norm == 'official' and model.lambda_first_only
    assert model.consistency_loss.transpose_mask and model.xsim_loss.sign == 'official'
    model2 = MODELS.build(_cfg(official_compat=True, dist_norm='pixpro'))
    assert model2.dist_norm == 'pixpro'
    model.loss([torch.randn(2, 3, 64, 64), torch.randn(2, 3, 64, 64)], _samples(2))
    assert int(model.target_net.steps) == 2  # two EMA calls per iteration


def test_validation():
    with pytest.raises(ValueError, match='dist_norm'):
        MODELS.build(_cfg(dist_norm='diag'))
    with pytest.raises(ValueError, match='inst_mode'):
        MODELS.build(_cfg(inst_mode='x'))
    model = MODELS.build(_cfg())
    with pytest.raises(KeyError, match='crop_bbox'):
        model.loss([torch.randn(1, 3, 64, 64)] * 2, [DataSample()])


def test_cross_view_instance_term():
    MessageHub.get_current_instance().update_info('max_iters', 4)
    model = MODELS.build(_cfg(inst_mode='cross_view', xsim_loss=None))
    losses = model.loss([torch.randn(2, 3, 64, 64), torch.randn(2, 3, 64, 64)], _samples(2))
    # target == online at the first step, so the same-view term would be exactly 0
    assert float(losses['loss_inst']) > 0
