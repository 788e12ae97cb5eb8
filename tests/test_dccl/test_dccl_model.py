# Copyright (c) mmcontrast contributors. All rights reserved.
"""DecoupledCCL + ConditionalContrastiveHead: build, one step, errors, configs, learning."""
import glob
import os.path as osp

import numpy as np
import pytest
import torch
from mmengine.config import Config
from mmengine.registry import init_default_scope
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

import mmcontrast.pretrain  # noqa: F401

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def _model(loss=None, conditional=True):
    loss = loss or dict(type='ConfidenceAlignUniformLoss')
    return MODELS.build(dict(
        type='DecoupledCCL',
        data_preprocessor=dict(type='SelfSupDataPreprocessor', mean=[0.] * 3, std=[1.] * 3,
                               to_rgb=False),
        backbone=dict(type='ResNet', depth=18, out_indices=(3, )),
        neck=dict(type='NonLinearNeck', in_channels=512, hid_channels=64, out_channels=16,
                  num_layers=2, with_last_bn=False, with_avg_pool=True,
                  norm_cfg=dict(type='BN1d')),
        head=dict(type='ConditionalContrastiveHead', conditional=conditional, loss=loss)))


def _samples(labels, confs):
    out = []
    for y, c in zip(labels, confs):
        ds = DataSample()
        ds.set_field(y, 'meta_label')
        ds.set_field(c, 'meta_conf')
        out.append(ds)
    return out


def test_loss_step_and_errors():
    torch.manual_seed(0)
    model = _model()
    x = [torch.randn(4, 3, 32, 32), torch.randn(4, 3, 32, 32)]
    losses = model.loss(x, _samples([0, 1, -1, 0], [0.5, 1.0, -1.0, 0.1]))
    assert set(losses) == {'loss_align', 'loss_uniform'}
    total = sum(losses.values())
    total.backward()
    assert torch.isfinite(total) and model.backbone.conv1.weight.grad is not None
    with pytest.raises(KeyError, match='meta_label'):
        model.loss(x, [DataSample() for _ in range(4)])
    with pytest.raises(ValueError, match='at least 2'):
        model.loss([v[:1] for v in x], _samples([0], [1.0]))
    # unconditional baselines through the same class
    dcl = _model(dict(type='InfoNCELoss', temperature=1.0, symmetric=True,
                      symmetric_reduction='sum', intra_negatives=True, decoupled=True),
                 conditional=False)
    assert set(dcl.loss(x, [DataSample() for _ in range(4)])) == {'loss'}


@pytest.mark.slow
def test_dccl_configs_build():
    cfgs = sorted(glob.glob(osp.join(REPO, 'configs/dccl/**/*.py'), recursive=True))
    cfgs = [c for c in cfgs if '/_base_/' not in c]
    assert len(cfgs) >= 12
    for path in cfgs:
        cfg = Config.fromfile(path)
        scope = 'mmdet' if 'retinanet' in path else 'mmpretrain'
        init_default_scope(scope)
        model_cfg = cfg.model.copy()
        model_cfg.get('backbone', {}).pop('init_cfg', None)
        if scope == 'mmdet':
            from mmdet.registry import MODELS as DET
            import mmcontrast.det  # noqa: F401
            assert DET.build(model_cfg) is not None
        else:
            assert MODELS.build(model_cfg) is not None


def test_pretraining_learns_to_align():
    """A few AdamW steps on a fixed batch lower the DCCL loss (spec §8.7 in miniature)."""
    torch.manual_seed(0)
    model = _model()
    g = np.random.default_rng(0)
    base = torch.as_tensor(g.normal(size=(8, 3, 16, 16)), dtype=torch.float32)
    samples = _samples([0, 1, -1, 0, 1, -1, 0, 1], [0.5, 1.0, -1, 0.1, 0.6, -1, 1.0, 0.2])
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
    hist = []
    for _ in range(10):
        x = [base + 0.1 * torch.randn_like(base), base + 0.1 * torch.randn_like(base)]
        loss = sum(model.loss(x, samples).values())
        opt.zero_grad()
        loss.backward()
        opt.step()
        hist.append(loss.item())
    assert np.isfinite(hist).all()
    assert np.mean(hist[-3:]) < hist[0] - 0.1
