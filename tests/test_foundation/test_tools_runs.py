# Copyright (c) mmcontrast contributors. All rights reserved.
"""End to end through tools/: train, resume, test, and a 2-process dist_train.sh on CPU."""
import json
import os
import os.path as osp
import re
import socket
import subprocess
import sys

import pytest
import torch

CFG = 'tests/test_foundation/configs/tiny_fcn_syncbn_mini-ade.py'
DET_CFG = 'tests/test_foundation/configs/tiny_fcn_deterministic_mini-ade.py'


def _run(cmd, cwd, **env):
    full_env = dict(os.environ, **env)
    full_env['PATH'] = osp.dirname(sys.executable) + os.pathsep + full_env.get('PATH', '')
    proc = subprocess.run(cmd, cwd=cwd, env=full_env, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc.stdout + proc.stderr


def _free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def test_train_resume_and_test(tmp_path, repo_root, mini_data_root):
    work = str(tmp_path / 'work')
    out = _run([sys.executable, 'tools/train.py', DET_CFG, '--work-dir', work], repo_root)
    assert re.search(r'Iter\(val\) \[8/8\].*mIoU', out)
    assert 'SyncBatchNorm (SyncBN) layers in the model will be automatically reverted' in out
    ckpt4 = torch.load(osp.join(work, 'iter_4.pth'), map_location='cpu')

    # resume from iter 2 and train to 4 again: the weights must match the uninterrupted run
    work2 = str(tmp_path / 'work2')
    out = _run([sys.executable, 'tools/train.py', DET_CFG, '--work-dir', work2, '--resume',
                osp.join(work, 'iter_2.pth')], repo_root)
    assert 'resumed epoch: 0, iter: 2' in out
    ckpt4b = torch.load(osp.join(work2, 'iter_4.pth'), map_location='cpu')
    for k, v in ckpt4['state_dict'].items():
        assert torch.allclose(v.float(), ckpt4b['state_dict'][k].float(), atol=1e-6), k
    for k, v in ckpt4['optimizer']['state'].items():
        assert torch.allclose(v['momentum_buffer'],
                              ckpt4b['optimizer']['state'][k]['momentum_buffer'], atol=1e-6)
    assert ckpt4b['meta']['iter'] == 4

    metrics = str(tmp_path / 'metrics.json')
    _run([sys.executable, 'tools/test.py', CFG, osp.join(work, 'iter_4.pth'), '--work-dir',
          str(tmp_path / 'test'), '--out', metrics, '--out-item', 'metrics'], repo_root)
    with open(metrics) as f:
        result = json.load(f)
    assert 0 <= result['mIoU'] <= 100


def test_print_config_and_get_flops(repo_root):
    out = _run([sys.executable, 'tools/misc/print_config.py', CFG, '--cfg-options',
                'train_dataloader.batch_size=3'], repo_root)
    assert "default_scope = 'mmseg'" in out and 'batch_size=3' in out
    out = _run([sys.executable, 'tools/analysis/get_flops.py', CFG, '--shape', '64'], repo_root)
    assert re.search(r'Flops: [0-9.]+ GFLOPs', out)


@pytest.mark.slow  # default suite: tests/test_foundation/test_trust_dist.py[cone] and the SMMCL gloo run
@pytest.mark.dist
def test_dist_train_two_processes_on_cpu(tmp_path, repo_root, mini_data_root):
    work = str(tmp_path / 'dist')
    out = _run(['bash', 'tools/dist_train.sh', CFG, '2', '--work-dir', work], repo_root,
               PORT=str(_free_port()), OMP_NUM_THREADS='1')
    assert 'Distributed training is not used' not in out
    # each of the 2 ranks evaluates half of the 8 validation images
    assert re.search(r'Iter\(val\) \[4/4\].*mIoU', out)
    assert osp.exists(osp.join(work, 'iter_4.pth'))
    ckpt = osp.join(work, 'iter_4.pth')
    metrics = str(tmp_path / 'm.json')
    _run(['bash', 'tools/dist_test.sh', CFG, ckpt, '2', '--work-dir', str(tmp_path / 't'),
          '--out', metrics, '--out-item', 'metrics'], repo_root, PORT=str(_free_port()),
         OMP_NUM_THREADS='1')
    with open(metrics) as f:
        assert 'mIoU' in json.load(f)


def test_tiny_train_run_learns(tmp_path, repo_root, mini_data_root):
    """60 iterations through tools/train.py: the loss falls and mIoU is far above chance."""
    cfg = 'tests/test_foundation/configs/tiny_fcn_learns_mini-ade.py'
    out = _run([sys.executable, 'tools/train.py', cfg, '--work-dir', str(tmp_path / 'w')],
               repo_root)
    losses = [float(v) for v in re.findall(r'Iter\(train\) \[ *\d+/60\].*? loss: ([0-9.]+)', out)]
    assert len(losses) == 60
    first, last = sum(losses[:5]) / 5, sum(losses[-10:]) / 10
    assert last < 0.9 * first, (first, last)
    miou = float(re.findall(r'mIoU: ([0-9.]+)', out)[-1])
    assert miou > 30, miou  # 4 classes; 4 iterations of the same model give ~13
