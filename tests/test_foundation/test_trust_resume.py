# Copyright (c) mmcontrast contributors. All rights reserved.
"""Issue 12 (kills and resume): atomic checkpoints and exact resume on CPU.

* A kill while the newest checkpoint is written (simulated: ``torch.save``
  writes a partial file then raises) with ``max_keep_ckpts=1`` leaves the
  previous checkpoint complete and loadable, no partial file under a
  checkpoint name, and ``--resume`` continues from it.
* Kill + resume equals the uninterrupted run exactly (weights and optimizer
  state bitwise) with ``deterministic=True``, for an iteration-based tiny config
  with random augmentation (ICPC, mini ADE: RandomResize/RandomCrop/RandomFlip)
  and an epoch-based one (CoNe digits: RandomCrop, shuffled DefaultSampler).
"""
import glob
import os
import os.path as osp
import subprocess
import sys
import textwrap

import pytest
import torch

from mmcontrast.utils import load_checkpoint_file


def _find_config(repo_root, pattern):
    found = sorted(glob.glob(osp.join(repo_root, 'configs', pattern)))
    assert found, pattern
    return osp.relpath(found[0], repo_root)


DET = ['randomness.seed=0', 'randomness.deterministic=True']


def _train(repo_root, cfg, work, options, resume=None, kill_at_save=None, expect_ok=True):
    """Run tools/train.py in a fresh process; optionally die inside the N-th save."""
    args = [cfg, '--work-dir', work]
    if resume is not None:
        args += ['--resume'] if resume == 'auto' else ['--resume', resume]
    args += ['--cfg-options'] + DET + options
    script = textwrap.dedent(f"""
        import runpy, sys
        import torch
        kill_at = {kill_at_save!r}
        saves = [0]
        real_save = torch.save

        def save(obj, f, *args, **kwargs):
            if isinstance(obj, dict) and 'state_dict' in obj and 'meta' in obj:
                saves[0] += 1
                if saves[0] == kill_at:
                    f.write(b'PK\\x03\\x04 half a checkpoint')
                    raise KeyboardInterrupt('simulated kill during checkpoint save')
            return real_save(obj, f, *args, **kwargs)

        torch.save = save
        sys.argv = ['tools/train.py'] + {args!r}
        runpy.run_path('tools/train.py', run_name='__main__')
        """)
    env = dict(os.environ, OMP_NUM_THREADS='1', PYTHONPATH=repo_root)
    proc = subprocess.run([sys.executable, '-c', script], cwd=repo_root, env=env,
                          capture_output=True, text=True, timeout=900)
    out = proc.stdout + proc.stderr
    if expect_ok:
        assert proc.returncode == 0, out[-4000:]
    else:
        assert proc.returncode != 0, out[-4000:]
    return out


def _assert_same_run(a_path, b_path):
    a, b = load_checkpoint_file(a_path), load_checkpoint_file(b_path)
    assert a['meta']['iter'] == b['meta']['iter'] and a['meta']['epoch'] == b['meta']['epoch']
    assert a['state_dict'].keys() == b['state_dict'].keys()
    for k, v in a['state_dict'].items():
        assert torch.equal(v, b['state_dict'][k]), f'{k} differs after resume'
    for k, st in a['optimizer']['state'].items():
        for name, v in st.items():
            if torch.is_tensor(v):
                assert torch.equal(v, b['optimizer']['state'][k][name]), (k, name)
    assert len(a['rng_states']) == 1 and set(a['rng_states'][0]) >= {'python', 'numpy', 'torch'}


def test_kill_during_save_then_exact_resume_iter_based(tmp_path, repo_root, mini_data_root):
    cfg = _find_config(repo_root, 'icpc/icpc_*tiny*mini-ade*.py')
    opts = ['train_cfg.max_iters=4', 'train_cfg.val_interval=2',
            'default_hooks.checkpoint.interval=2', 'default_hooks.checkpoint.max_keep_ckpts=1',
            'default_hooks.logger.interval=1']
    full = str(tmp_path / 'full')
    _train(repo_root, cfg, full, opts)

    killed = str(tmp_path / 'killed')
    out = _train(repo_root, cfg, killed, opts, kill_at_save=2, expect_ok=False)
    assert 'simulated kill during checkpoint save' in out
    # the previous checkpoint survives the kill (mmengine deleted it before saving)
    files = sorted(os.listdir(killed))
    assert 'iter_2.pth' in files and 'iter_4.pth' not in files, files
    assert not [f for f in files if '.tmp-' in f], files
    ckpt = load_checkpoint_file(osp.join(killed, 'iter_2.pth'))
    assert ckpt['meta']['iter'] == 2
    with open(osp.join(killed, 'last_checkpoint')) as f:
        assert f.read().endswith('iter_2.pth')

    out = _train(repo_root, cfg, killed, opts, resume='auto')
    assert 'resumed epoch: 0, iter: 2' in out
    _assert_same_run(osp.join(full, 'iter_4.pth'), osp.join(killed, 'iter_4.pth'))
    # rotation after the save: only the newest checkpoint is kept
    assert not osp.exists(osp.join(killed, 'iter_2.pth'))


@pytest.mark.slow
def test_exact_resume_epoch_based(tmp_path, repo_root, mini_data_root):
    cfg = _find_config(repo_root, 'cone/cone_*digits*.py')
    opts = ['train_cfg.max_epochs=3', 'train_cfg.val_interval=1',
            'train_dataloader.dataset.indices=64', 'val_dataloader.dataset.indices=64',
            'default_hooks.checkpoint.interval=1', 'default_hooks.checkpoint.max_keep_ckpts=-1']
    full = str(tmp_path / 'full')
    _train(repo_root, cfg, full, opts)
    resumed = str(tmp_path / 'resumed')
    out = _train(repo_root, cfg, resumed, opts, resume=osp.join(full, 'epoch_1.pth'))
    assert 'resumed epoch: 1' in out
    _assert_same_run(osp.join(full, 'epoch_3.pth'), osp.join(resumed, 'epoch_3.pth'))


def test_rng_restored_after_the_iteration_loop_skips_trained_batches():
    """The states saved at iteration k are restored right before batch k+1 is fetched,
    not before mmengine's fast-forward over batches 1..k (which runs the pipeline)."""
    import random

    from mmcontrast.utils import get_rng_states
    from mmcontrast.utils.checkpoint_io import _RestoreRngAfterSkip

    def batches():
        while True:
            yield random.random()  # stands for a random augmentation

    random.seed(0)
    it = batches()
    [next(it) for _ in range(2)]
    saved = get_rng_states()
    expected = next(it)  # batch 3 of the uninterrupted run

    random.seed(123)  # the resumed process, re-seeded by mmengine
    wrapped = _RestoreRngAfterSkip(batches(), skip=2, states=saved)
    [next(wrapped) for _ in range(2)]  # the fast-forward
    assert next(wrapped) == expected
