# Copyright (c) mmcontrast contributors. All rights reserved.
"""Issue 12 (multi-process): every method's tiny config under ``bash tools/dist_train.sh CFG 2``.

Two CPU processes with gloo (a free port each), 2 iterations (CoNe: one
epoch of 2 iterations per process), ending with the checkpoint save, which
also exercises the cross-rank gather of RNG states. The CoNe run is in the
default suite; the others are ``slow``. Configs are found by glob, so renamed
tiny configs (``..._mini-<name>...``) are still picked up.
"""
import glob
import os
import os.path as osp
import socket
import subprocess
import sys

import pytest

from mmcontrast.utils import load_checkpoint_file

ITER_OPTS = ['train_cfg.max_iters=2', 'default_hooks.logger.interval=1']
CASES = [
    # method, config glob (first sorted match), extra --cfg-options, checkpoint name
    ('cone', 'cone/cone_*1xb*digits*.py',
     ['train_cfg.max_epochs=1', 'train_dataloader.dataset.indices=128',
      'default_hooks.logger.interval=1'], 'epoch_1.pth'),
    ('icpc', 'icpc/icpc_*tiny*mini*ade*.py', ITER_OPTS, 'iter_2.pth'),
    ('smmcl', 'smmcl/smmcl_*tiny*mini*.py', ITER_OPTS, 'iter_2.pth'),
    ('focal', 'focal/focal-v1-kmeans_hrnet-tiny_1xb*mini*forgery*.py', ITER_OPTS, 'iter_2.pth'),
    ('clld', 'clld/clld_resnet18_1xb*photos*.py', ITER_OPTS, 'iter_2.pth'),
]


def _free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def _params():
    out = []
    for method, pattern, opts, ckpt in CASES:
        marks = [pytest.mark.dist]
        if method != 'cone':
            marks.append(pytest.mark.slow)
        if method == 'smmcl':
            # the unused-parameter DDP failure is fixed on the `segmodels` branch
            marks.append(pytest.mark.xfail(
                strict=False, reason='SMMCL DDP: parameters without gradient '
                '(backbone.fusions.0) until the segmodels fix is merged'))
        out.append(pytest.param(method, pattern, opts, ckpt, id=method, marks=marks))
    return out


@pytest.mark.parametrize('method,pattern,opts,ckpt', _params())
def test_tiny_config_two_processes_gloo(method, pattern, opts, ckpt, tmp_path, repo_root,
                                        mini_data_root):
    found = sorted(glob.glob(osp.join(repo_root, 'configs', pattern)))
    assert found, f'no tiny {method} config matches configs/{pattern}'
    cfg = osp.relpath(found[0], repo_root)
    work = str(tmp_path / 'work')
    env = dict(os.environ, PORT=str(_free_port()), OMP_NUM_THREADS='1', PYTHONPATH=repo_root)
    env['PATH'] = osp.dirname(sys.executable) + os.pathsep + env.get('PATH', '')
    cmd = ['bash', 'tools/dist_train.sh', cfg, '2', '--work-dir', work, '--no-validate',
           '--cfg-options'] + opts
    proc = subprocess.run(cmd, cwd=repo_root, env=env, capture_output=True, text=True,
                          timeout=900)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-4000:]
    assert 'Distributed training is not used' not in out
    assert 'world_size: 2' in out or "'world_size': 2" in out or 'Distributed launcher' in out
    path = osp.join(work, ckpt)
    assert osp.exists(path), os.listdir(work)
    state = load_checkpoint_file(path)
    # one RNG state per rank (exact resume of both processes)
    assert len(state['rng_states']) == 2 and all(s is not None for s in state['rng_states'])
