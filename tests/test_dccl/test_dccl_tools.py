# Copyright (c) mmcontrast contributors. All rights reserved.
"""DCCL end to end through tools/: tiny pretrain -> probe -> test.py (case AUC) -> detector."""
import json
import os
import os.path as osp
import re
import socket
import subprocess
import sys

import pytest

PRE = 'configs/dccl/dccl_resnet18_1xb32-200iter_mini-picai-32x32.py'
SIMCLR = 'configs/dccl/simclr_resnet18_1xb32-200iter_mini-picai-32x32.py'
PROBE = 'configs/dccl/benchmarks/linprobe_resnet18_dccl-pre_1xb32-300iter_mini-picai-32x32.py'
RANDOM = 'configs/dccl/benchmarks/linprobe_resnet18_random-init_1xb32-300iter_mini-picai-32x32.py'
DET = 'configs/dccl/benchmarks/retinanet_r18-dccl-pre_fpn_1xb8-20iter_mini-picai-64x64.py'


def _run(cmd, cwd, **env):
    full = dict(os.environ, OMP_NUM_THREADS='1', **env)
    full['PATH'] = osp.dirname(sys.executable) + os.pathsep + full.get('PATH', '')
    p = subprocess.run(cmd, cwd=cwd, env=full, capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    return p.stdout + p.stderr


def _free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_tiny_pretrain_probe_test_and_detector(repo_root, mini_data_root, tmp_path):
    pre = str(tmp_path / 'pre')
    log = _run([sys.executable, 'tools/train.py', PRE, '--work-dir', pre, '--cfg-options',
                'train_cfg.max_iters=2', 'default_hooks.checkpoint.interval=2',
                'default_hooks.logger.interval=1'], repo_root)
    assert 'loss_align' in log and 'loss_uniform' in log
    ckpt = osp.join(pre, 'iter_2.pth')
    probe = str(tmp_path / 'probe')
    opts = ['train_cfg.max_iters=2', 'train_cfg.val_interval=2',
            'default_hooks.checkpoint.interval=2', f'model.backbone.init_cfg.checkpoint={ckpt}']
    log = _run([sys.executable, 'tools/train.py', PROBE, '--work-dir', probe, '--cfg-options',
                *opts], repo_root)
    assert 'load backbone. in model' in log and 'auc/case' in log
    out = str(tmp_path / 'm.json')
    _run([sys.executable, 'tools/test.py', PROBE, osp.join(probe, 'iter_2.pth'), '--work-dir',
          probe, '--out', out, '--out-item', 'metrics', '--cfg-options', *opts], repo_root)
    with open(out) as f:
        m = json.load(f)
    assert 0 <= m['auc/case'] <= 100 and 0 <= m['auc/slice'] <= 100
    log = _run([sys.executable, 'tools/train.py', DET, '--work-dir', str(tmp_path / 'det'),
                '--cfg-options', 'train_cfg.max_iters=1', 'train_cfg.val_interval=1',
                'default_hooks.checkpoint.interval=1', 'default_hooks.logger.interval=1',
                f'model.backbone.init_cfg.checkpoint={ckpt}'], repo_root)
    assert re.search(r'loss_cls: [\d.]+', log) and 'auc/case' in log


@pytest.mark.slow
@pytest.mark.dist
@pytest.mark.parametrize('cfg', [PRE, SIMCLR, RANDOM, DET])
def test_tiny_configs_dist_train_two_processes(cfg, repo_root, mini_data_root, tmp_path):
    opts = ['train_cfg.max_iters=2', 'default_hooks.checkpoint.interval=2']
    if 'linprobe' in cfg or 'retinanet' in cfg:
        opts += ['train_cfg.val_interval=2']
    if 'retinanet' in cfg:
        opts += ['model.backbone.init_cfg=None']
    log = _run(['bash', 'tools/dist_train.sh', cfg, '2', '--work-dir', str(tmp_path / 'w'),
                '--cfg-options', *opts], repo_root, PORT=str(_free_port()))
    assert 'Distributed training is not used' not in log
    assert osp.exists(tmp_path / 'w' / 'iter_2.pth')


@pytest.mark.slow
def test_five_fold_driver_two_folds(repo_root, mini_data_root, tmp_path):
    """tools/dccl_5fold.py: per fold pretrain -> probe -> test, then mean ± std."""
    work = str(tmp_path / '5fold')
    log = _run([sys.executable, 'tools/dccl_5fold.py', PRE, PROBE, '--folds', '0', '1',
                '--work-dir', work, '--pre-options', 'train_cfg.max_iters=2',
                '--down-options', 'train_cfg.max_iters=2', 'train_cfg.val_interval=2',
                'default_hooks.checkpoint.interval=2'], repo_root)
    assert re.search(r'auc/case: [\d.]+ ± [\d.]+ over folds \[0, 1\]', log)
    with open(osp.join(work, 'summary.json')) as f:
        summary = json.load(f)
    assert set(summary['folds']) == {'0', '1'} and 'mean' in summary['auc/case']
