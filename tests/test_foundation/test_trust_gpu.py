# Copyright (c) mmcontrast contributors. All rights reserved.
"""Issue 12 (GPU readiness): every method's tiny config on CUDA with ``--amp`` vs CPU fp32.

Marked ``gpu`` and skipped where torch sees no CUDA device. Each config runs
3 iterations twice from the same seed: on the GPU with ``--amp`` (fp16
autocast, dynamic loss scale) and on the CPU in fp32 (``CUDA_VISIBLE_DEVICES=``).
Both start from the same weights and the same batches (the data pipeline runs
on the CPU in both), so the logged total losses must agree up to fp16
rounding and the different dropout/random-op streams of CUDA and CPU:

    tolerance: |loss_amp - loss_fp32| <= RTOL * |loss_fp32| + ATOL at each of
    the first 3 iterations, RTOL = 0.05, ATOL = 0.05 (iteration 1: half of it)

and the AMP losses must be finite. Run with ``pytest -m gpu``.
"""
import glob
import json
import math
import os
import os.path as osp
import subprocess
import sys

import pytest
import torch

pytestmark = [
    pytest.mark.gpu,
    pytest.mark.skipif(not torch.cuda.is_available(), reason='needs a CUDA GPU'),
]

RTOL, ATOL, ITERS = 0.05, 0.05, 3
ITER_OPTS = [f'train_cfg.max_iters={ITERS}']
CASES = [
    ('cone', 'cone/cone_*1xb*digits*.py',
     ['train_cfg.max_epochs=1', f'train_dataloader.dataset.indices={32 * ITERS}']),
    ('icpc', 'icpc/icpc_*tiny*mini*ade*.py', ITER_OPTS),
    ('smmcl', 'smmcl/smmcl_*tiny*mini*.py', ITER_OPTS),
    ('focal', 'focal/focal-v1-kmeans_hrnet-tiny_1xb*mini*forgery*.py', ITER_OPTS),
    ('clld', 'clld/clld_resnet18_1xb*photos*.py', ITER_OPTS),
]


def _losses(work_dir):
    logs = sorted(glob.glob(osp.join(work_dir, '*', 'vis_data', 'scalars.json')))
    assert logs, f'no scalars.json under {work_dir}'
    out = []
    with open(logs[-1]) as f:
        for line in f:
            rec = json.loads(line)
            if 'loss' in rec and 'iter' in rec:
                out.append(float(rec['loss']))
    return out


def _train(repo_root, cfg, work, opts, amp):
    env = dict(os.environ, OMP_NUM_THREADS='1', PYTHONPATH=repo_root)
    if not amp:
        env['CUDA_VISIBLE_DEVICES'] = ''
    cmd = [sys.executable, 'tools/train.py', cfg, '--work-dir', work, '--no-validate']
    if amp:
        cmd.append('--amp')
    cmd += ['--cfg-options', 'randomness.seed=0', 'default_hooks.logger.interval=1',
            'default_hooks.checkpoint.interval=100000'] + opts
    proc = subprocess.run(cmd, cwd=repo_root, env=env, capture_output=True, text=True,
                          timeout=900)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    return _losses(work)


@pytest.mark.parametrize('method,pattern,opts', [pytest.param(*c, id=c[0]) for c in CASES])
def test_amp_on_gpu_matches_cpu_fp32(method, pattern, opts, tmp_path, repo_root,
                                     mini_data_root):
    found = sorted(glob.glob(osp.join(repo_root, 'configs', pattern)))
    assert found, f'no tiny {method} config matches configs/{pattern}'
    cfg = osp.relpath(found[0], repo_root)
    amp = _train(repo_root, cfg, str(tmp_path / 'amp'), opts, amp=True)
    fp32 = _train(repo_root, cfg, str(tmp_path / 'cpu'), opts, amp=False)
    assert len(amp) >= ITERS and len(fp32) >= ITERS, (amp, fp32)
    for i, (a, c) in enumerate(zip(amp[:ITERS], fp32[:ITERS])):
        assert math.isfinite(a), f'{method}: AMP loss at iteration {i + 1} is {a}'
        scale = 0.5 if i == 0 else 1.0
        assert abs(a - c) <= scale * (RTOL * abs(c) + ATOL), \
            f'{method}: iteration {i + 1}: AMP {a:.5f} vs CPU fp32 {c:.5f}'
