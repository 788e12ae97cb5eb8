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


class _OfficialTarget:
    """Transcription of the official CLLD target update (clld.md §2 and §7 item 5, issue 11).

    github sabadijou/clld_official keeps ``encoder_k`` as a copy of the online
    encoder made at construction and a keep-rate ``m`` (0.99) and a call index
    ``k``. Each target forward call does, under no_grad::

        for p_k, p_q in zip(encoder_k.parameters(), encoder_q.parameters()):
            p_k.data = p_k.data * m + p_q.data * (1. - m)     # current m
        m = m + sin(pi / 2 * k / 100) * (1 - m); k += 1       # then compound
        return encoder_k(view)

    and the loss asks first for the second view's target (for L_cons(y1, t2)),
    then for the first view's (for L_cons(y2, t1)): two updates per iteration,
    the second view's target between them.
    """

    def __init__(self, online):
        import copy
        import math
        self.math = math
        self.encoder_k = copy.deepcopy(online)
        self.m, self.k = 0.99, 0

    @torch.no_grad()
    def target(self, online, view):
        for p_k, p_q in zip(self.encoder_k.parameters(), online.parameters()):
            p_k.data = p_k.data * self.m + p_q.data * (1. - self.m)
        for b_k, b_q in zip(self.encoder_k.buffers(), online.buffers()):
            b_k.data.copy_(b_q.data)  # mmengine keeps BN buffers in sync (spec: irrelevant in
            # train mode, where the target uses batch statistics)
        self.m = self.m + self.math.sin(self.math.pi / 2 * self.k / 100) * (1 - self.m)
        self.k += 1
        return self.encoder_k(view)[0]


def test_official_momentum_reproduces_the_official_order():
    MessageHub.get_current_instance().update_info('max_iters', 10)
    torch.manual_seed(0)
    model = MODELS.build(_cfg(momentum_schedule='official'))
    model.init_weights()
    online = torch.nn.Sequential(model.backbone, model.neck)
    official = _OfficialTarget(online)
    seen = []
    model.target_net.module.register_forward_hook(lambda mod, inp, out: seen.append(out[0]))
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    g = torch.Generator().manual_seed(1)
    for it in range(4):
        x = [torch.randn(2, 3, 64, 64, generator=g), torch.randn(2, 3, 64, 64, generator=g)]
        seen.clear()
        losses = model.loss(x, _samples(2))
        ref_t2 = official.target(online, x[1])
        ref_t1 = official.target(online, x[0])
        assert len(seen) == 2
        torch.testing.assert_close(seen[0], ref_t2)  # second view's target first
        torch.testing.assert_close(seen[1], ref_t1)
        assert float(model.target_net.keep_momentum) == official.m
        for p, q in zip(model.target_net.module.parameters(), official.encoder_k.parameters()):
            torch.testing.assert_close(p, q)
        opt.zero_grad()
        sum(losses.values()).backward()
        opt.step()
    assert int(model.target_net.steps) == official.k == 8


def test_clld_pretraining_loss_drops():
    """A few SGD steps on a fixed pair of views lower the CLLD loss (learning, not just finite)."""
    MessageHub.get_current_instance().update_info('max_iters', 30)
    torch.manual_seed(0)
    model = MODELS.build(_cfg())
    model.init_weights()
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    g = torch.Generator().manual_seed(0)
    x = [torch.randn(2, 3, 64, 64, generator=g), torch.randn(2, 3, 64, 64, generator=g)]
    samples = _samples(2)
    totals = []
    for _ in range(8):
        losses = model.loss(x, samples)
        loss = sum(losses.values())
        totals.append(float(loss))
        opt.zero_grad()
        loss.backward()
        opt.step()
    assert all(np.isfinite(totals))
    assert np.mean(totals[-3:]) < totals[0] - 0.1, totals
