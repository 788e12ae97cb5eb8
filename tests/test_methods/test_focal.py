# Copyright (c) mmcontrast contributors. All rights reserved.
"""FOCAL end to end through tools/train.py and tools/test.py on the mini splicing set."""
import math
import os
import os.path as osp
import re
import subprocess
import sys

import pytest

CFG = 'configs/focal/{}_1xb4-200iter_mini-forgery-128x128.py'


def run(repo_root, *args, timeout=600):
    env = dict(os.environ, OMP_NUM_THREADS='1')
    proc = subprocess.run([sys.executable, *args], cwd=repo_root, env=env, timeout=timeout,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.returncode == 0, proc.stdout[-4000:]
    return proc.stdout


def metrics(log, prefix='forgery'):
    found = dict(re.findall(prefix + r'/(\w+): ([0-9.naN]+)', log))
    return {k: float(v) for k, v in found.items()}


def train(repo_root, name, work_dir, iters=4):
    run(repo_root, 'tools/train.py', CFG.format(name), '--work-dir', work_dir, '--cfg-options',
        f'train_cfg.max_iters={iters}', f'train_cfg.val_interval={iters}',
        f'default_hooks.checkpoint.interval={iters}', 'train_dataloader.batch_size=2')
    return osp.join(work_dir, f'iter_{iters}.pth')


@pytest.mark.slow  # default suite: test_tiny_focal_learns and the FOCAL --show-dir run
def test_focal_tiny_train_then_test_kmeans_and_hdbscan(repo_root, mini_data_root, tmp_path):
    ckpt = train(repo_root, 'focal-v1-kmeans_hrnet-tiny', str(tmp_path / 'train'))
    assert osp.isfile(ckpt)
    for name in ('focal-v1-kmeans_hrnet-tiny', 'focal-v1-hdbscan_hrnet-tiny'):
        log = run(repo_root, 'tools/test.py', CFG.format(name), ckpt,
                  '--work-dir', str(tmp_path / name))
        m = metrics(log)
        assert {'f1', 'f1_binary', 'iou', 'score'} <= set(m), log[-2000:]
        assert all(math.isfinite(v) and 0 <= v <= 1 for k, v in m.items() if k != 'num_images')
        assert m['num_images'] == 12
        official = metrics(log, 'forgery_official')  # the released code's 32x32-grid protocol
        assert {'f1', 'iou'} <= set(official) and 0 <= official['iou'] <= 1


@pytest.mark.slow
def test_supervised_baseline_and_fusion(repo_root, mini_data_root, tmp_path):
    sup = train(repo_root, 'supervised-fcn_hrnet-tiny', str(tmp_path / 'sup'))
    log = run(repo_root, 'tools/test.py', CFG.format('supervised-fcn_hrnet-tiny'), sup,
              '--work-dir', str(tmp_path / 'sup_test'))
    assert 'f1' in metrics(log)
    vit = train(repo_root, 'focal-v1-kmeans_vit-sam-tiny', str(tmp_path / 'vit'))
    hr = train(repo_root, 'focal-v2-sclrecon-hdbscan_hrnet-tiny', str(tmp_path / 'hr'))
    fused = str(tmp_path / 'fused.pth')
    run(repo_root, 'tools/model_converters/focal_fuse_checkpoints.py', vit, hr, fused)
    log = run(repo_root, 'tools/test.py', 'configs/focal/focal-v1-kmeans_vit-sam-tiny-hrnet-'
              'tiny-fusion_1xb1-test_mini-forgery-128x128.py', fused,
              '--work-dir', str(tmp_path / 'fusion_test'))
    assert 'iou' in metrics(log)


@pytest.mark.slow
def test_reduce_on_plateau_steps_after_each_validation(repo_root, mini_data_root, tmp_path):
    log = run(repo_root, 'tools/train.py', CFG.format('focal-v1-kmeans_hrnet-tiny'),
              '--work-dir', str(tmp_path), '--cfg-options', 'train_cfg.max_iters=8',
              'train_cfg.val_interval=2', 'default_hooks.checkpoint.interval=100',
              'default_hooks.logger.interval=1', 'train_dataloader.batch_size=2',
              'param_scheduler.0.monitor=forgery/num_images', 'param_scheduler.0.patience=0')
    lrs = [float(v) for v in re.findall(r'Iter\(train\) \[ *\d+/8\] +lr: ([0-9.e+-]+)', log)]
    assert lrs == [1e-3] * 4 + [5e-4] * 2 + [2.5e-4] * 2


def test_tiny_focal_learns(repo_root, mini_data_root):
    """Fast learning check (default suite): 12 AdamW steps of the tiny FOCAL (HRNet) on one
    batch of mini splices; the per-image pristine/forged contrast falls by more than half."""
    sys.path.insert(0, osp.join(repo_root, 'tests', 'test_seg'))
    from seg_learning import build_model_and_batch, train_steps
    model, data = build_model_and_batch(repo_root, CFG.format('focal-v1-kmeans_hrnet-tiny'), n=4)
    logs, totals = train_steps(model, data, steps=12, lr=1e-3)
    assert logs[0]['loss_focal'] > 0, 'the batch needs forged pixels'
    assert totals[-1] < 0.5 * totals[0], totals
