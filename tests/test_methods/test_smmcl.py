# Copyright (c) mmcontrast contributors. All rights reserved.
"""SMMCL end to end: tools/train.py then tools/test.py on the tiny mini-LLRGBD config."""
import glob
import json
import os
import os.path as osp
import subprocess
import sys

import pytest

CFG = 'configs/smmcl/smmcl_dual-mscan-tiny-lightham_1xb2-20iter_mini-llrgbd-64x96.py'
BASE_CFG = 'configs/smmcl/cmx_dual-mscan-tiny-lightham_1xb2-20iter_mini-llrgbd-64x96.py'


def _run(args, cwd):
    env = dict(os.environ, OMP_NUM_THREADS='1')
    proc = subprocess.run([sys.executable] + args, cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc.stdout + proc.stderr


def _train_and_test(cfg, work_dir, repo_root, iters, validate=True):
    opts = ([] if validate else ['--no-validate']) + [
            '--cfg-options', f'train_cfg.max_iters={iters}', f'train_cfg.val_interval={iters}',
            f'default_hooks.checkpoint.interval={iters}', 'default_hooks.logger.interval=1']
    log = _run(['tools/train.py', cfg, '--work-dir', str(work_dir)] + opts, repo_root)
    assert 'contrast.loss_cm' in log or 'cmx' in cfg
    ckpt = osp.join(work_dir, f'iter_{iters}.pth')
    assert osp.isfile(ckpt)
    log = _run(['tools/test.py', cfg, ckpt, '--work-dir', str(work_dir)], repo_root)
    assert 'mIoU_wo_void' in log
    result = sorted(glob.glob(osp.join(work_dir, '*', '*.json')))[-1]
    with open(result) as f:
        metrics = json.load(f)
    assert 0 <= metrics['mIoU'] <= 100 and 0 <= metrics['mIoU_wo_void'] <= 100
    return metrics


def test_tiny_smmcl_train_and_test(tmp_path, repo_root, mini_data_root):
    """Fast: 2 iterations with the three contrastive terms (no in-training validation),
    then tools/test.py."""
    _train_and_test(CFG, tmp_path / 'smmcl', repo_root, iters=2, validate=False)


@pytest.mark.slow
@pytest.mark.parametrize('cfg', [CFG, BASE_CFG])
def test_tiny_full_schedule(tmp_path, repo_root, mini_data_root, cfg):
    """The tiny configs as shipped (20 iterations), with and without contrast."""
    _train_and_test(cfg, tmp_path / 'run', repo_root, iters=20)


@pytest.mark.slow
def test_tiny_tta(tmp_path, repo_root, mini_data_root):
    """tools/test.py --tta: multi-scale + flip on (H, W, 6) inputs."""
    work_dir = tmp_path / 'tta'
    _run(['tools/train.py', CFG, '--work-dir', str(work_dir), '--no-validate', '--cfg-options',
          'train_cfg.max_iters=1', 'default_hooks.checkpoint.interval=1'], repo_root)
    log = _run(['tools/test.py', CFG, str(work_dir / 'iter_1.pth'), '--work-dir', str(work_dir),
                '--tta'], repo_root)
    assert 'mIoU_wo_void' in log


def test_tiny_smmcl_learns(repo_root, mini_data_root):
    """Fast learning check (default suite): 12 AdamW steps of the tiny SMMCL on one batch of
    mini-LLRGBD crops; the CE and each of the three contrastive terms halve."""
    sys.path.insert(0, osp.join(repo_root, 'tests', 'test_seg'))
    from seg_learning import build_model_and_batch, train_steps
    model, data = build_model_and_batch(repo_root, CFG, n=2)
    logs, totals = train_steps(model, data, steps=12, lr=1e-3)
    assert {'contrast.loss_cm', 'contrast.loss_vis', 'contrast.loss_aux'} <= set(logs[0])
    assert totals[-1] < 0.8 * totals[0], totals
    for key in ('decode.loss_ce', 'contrast.loss_cm', 'contrast.loss_vis', 'contrast.loss_aux'):
        assert logs[-1][key] < 0.5 * logs[0][key], (key, logs)


def test_smmcl_tiny_two_process_gloo(tmp_path, repo_root, mini_data_root):
    """Issue 12: the SMMCL tiny config trains under 2-process DDP (gloo, CPU) without
    find_unused_parameters: every parameter gets a gradient."""
    import socket
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        port = s.getsockname()[1]
    env = dict(os.environ, OMP_NUM_THREADS='1', PORT=str(port))
    env['PATH'] = osp.dirname(sys.executable) + os.pathsep + env.get('PATH', '')
    work = tmp_path / 'dist'
    proc = subprocess.run(
        ['bash', 'tools/dist_train.sh', CFG, '2', '--work-dir', str(work), '--cfg-options',
         'env_cfg.dist_cfg.backend=gloo', 'train_cfg.max_iters=2', 'train_cfg.val_interval=2',
         'default_hooks.checkpoint.interval=2', 'default_hooks.logger.interval=1',
         'find_unused_parameters=False'],
        cwd=repo_root, env=env, capture_output=True, text=True, timeout=600)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-4000:]
    assert 'Distributed training is not used' not in out
    assert 'contrast.loss_cm' in out and 'mIoU_wo_void' in out
    assert osp.isfile(work / 'iter_2.pth')
