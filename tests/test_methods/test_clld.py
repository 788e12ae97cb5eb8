# Copyright (c) mmcontrast contributors. All rights reserved.
"""CLLD end to end through tools/: tiny pretrain -> export -> lane fine-tune -> test."""
import os
import os.path as osp
import re
import subprocess
import sys

import pytest
import torch
import torchvision
from mmengine.config import Config

PRE_CFG = 'configs/clld/clld_resnet18_1xb4-100iter_mini-photos-112.py'
LANE_CFG = 'configs/clld/fpn_r18_1xb4-150iter_mini-culane.py'


def _run(args, cwd):
    env = dict(os.environ, OMP_NUM_THREADS='1')
    out = subprocess.run([sys.executable] + args, cwd=cwd, env=env, capture_output=True,
                         text=True, timeout=900)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    return out.stdout + out.stderr


@pytest.fixture(scope='module')
def pretrained(repo_root, mini_data_root, tmp_path_factory):
    """Tiny CLLD pretraining (3 iterations, batch 2) through tools/train.py, then export."""
    tmp_path = tmp_path_factory.mktemp('clld')
    cfg = Config.fromfile(osp.join(repo_root, PRE_CFG))
    cfg.train_dataloader.batch_size = 2
    cfg.train_cfg.max_iters = 3
    cfg.param_scheduler = [dict(type='CosineAnnealingLR', T_max=3, by_epoch=False, begin=0,
                                end=3)]
    cfg.default_hooks.logger.interval = 1
    cfg.default_hooks.checkpoint.interval = 3
    cfg_file = str(tmp_path / 'pre.py')
    cfg.dump(cfg_file)
    log = _run(['tools/train.py', cfg_file, '--work-dir', str(tmp_path / 'pre')], repo_root)
    ckpt_path = str(tmp_path / 'pre' / 'iter_3.pth')
    exported = str(tmp_path / 'r18_tv.pth')
    _run(['tools/model_converters/clld2torchvision.py', ckpt_path, exported], repo_root)
    return log, ckpt_path, exported


def test_clld_pretrain_and_export(pretrained):
    log, ckpt_path, exported = pretrained
    losses = re.findall(r'loss: (-?[\d.]+(?:e-?\d+)?)', log)
    assert len(losses) == 3 and all(abs(float(v)) < 10 for v in losses)
    assert 'loss_xsim' in log and 'loss_inst' in log
    ckpt = torch.load(ckpt_path, map_location='cpu')['state_dict']
    # target follows the online net by the EMA rule (not frozen, not identical)
    online, target = ckpt['backbone.conv1.weight'], ckpt['target_net.module.0.conv1.weight']
    assert not torch.equal(online, target)

    # 2. export: loads into torchvision resnet18 with only fc missing ...
    missing, unexpected = torchvision.models.resnet18().load_state_dict(
        torch.load(exported), strict=False)
    assert sorted(missing) == ['fc.bias', 'fc.weight'] and unexpected == []
    # ... and into mmseg's ResNet via init_cfg (raw checkpoint + prefix, and exported file)
    from mmseg.models.backbones import ResNet
    for init_cfg in (dict(type='Pretrained', checkpoint=ckpt_path, prefix='backbone.'),
                     dict(type='Pretrained', checkpoint=exported)):
        net = ResNet(depth=18, style='pytorch', init_cfg=init_cfg)
        net.init_weights()
        sd = net.state_dict()
        assert set(sd) == {k[len('backbone.'):] for k in ckpt if k.startswith('backbone.')}
        torch.testing.assert_close(sd['layer4.1.conv2.weight'],
                                   ckpt['backbone.layer4.1.conv2.weight'])



@pytest.mark.slow
def test_clld_lane_finetune_from_export(pretrained, repo_root, tmp_path):
    """Lane fine-tune (2 iterations) from the exported backbone, then tools/test.py."""
    exported = pretrained[2]
    lane = Config.fromfile(osp.join(repo_root, LANE_CFG))
    lane.model.backbone.init_cfg = dict(type='Pretrained', checkpoint=exported)
    lane.train_cfg.max_iters = 2
    lane.train_cfg.val_interval = 2
    lane.param_scheduler = [dict(type='PolyLR', eta_min=1e-4, power=0.9, begin=0, end=2,
                                 by_epoch=False)]
    lane.default_hooks.checkpoint.interval = 2
    lane.default_hooks.logger.interval = 1
    lane_file = str(tmp_path / 'lane.py')
    lane.dump(lane_file)
    log = _run(['tools/train.py', lane_file, '--work-dir', str(tmp_path / 'lane')], repo_root)
    assert 'Iter(val)' in log and 'F1:' in log
    log = _run(['tools/test.py', lane_file, str(tmp_path / 'lane' / 'iter_2.pth'),
                '--work-dir', str(tmp_path / 'lane')], repo_root)
    f1 = re.findall(r'Iter\(test\).*?F1: ([\d.]+)', log)
    assert f1 and 0 <= float(f1[-1]) <= 100 and 'night_F1' in log
