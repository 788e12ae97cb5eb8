# Copyright (c) mmcontrast contributors. All rights reserved.
"""Issue 12 (multi-process): every method's tiny config under ``bash tools/dist_train.sh CFG 2``.

Two CPU processes with gloo (a free port each), 2 iterations (epoch-based
configs: one epoch of 2 iterations per process, the training set cut with
``indices``), ending with the checkpoint save, which also exercises the
cross-rank gather of RNG states. The CoNe run is in the default suite; the
others are ``slow``. Configs are found by glob, so renamed tiny configs
(``..._mini-<name>...``) are still picked up.

Beyond ``tools/dist_train.sh``: CTP's continual driver (2 tasks, validation and
``--test`` on 2 processes each) and FP-attack's ``tools/attack.py --launcher
pytorch``.
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
EPOCH_OPTS = ['train_cfg.max_epochs=1', 'default_hooks.logger.interval=1']
CASES = [
    # method, config glob (first sorted match), extra --cfg-options, checkpoint name
    ('cone', 'cone/cone_*1xb*digits*.py',
     ['train_cfg.max_epochs=1', 'train_dataloader.dataset.indices=128',
      'default_hooks.logger.interval=1'], 'epoch_1.pth'),
    ('icpc', 'icpc/icpc_*tiny*mini*ade*.py', ITER_OPTS, 'iter_2.pth'),
    ('smmcl', 'smmcl/smmcl_*tiny*mini*.py', ITER_OPTS, 'iter_2.pth'),
    ('focal', 'focal/focal-v1-kmeans_hrnet-tiny_1xb*mini*forgery*.py', ITER_OPTS, 'iter_2.pth'),
    ('clld', 'clld/clld_resnet18_1xb*photos*.py', ITER_OPTS, 'iter_2.pth'),
    # new methods; epoch-based ones: 1 epoch of 2 iterations per process
    ('ctp', 'ctp/ctp_*mini*p9d.py', EPOCH_OPTS + ['train_dataloader.dataset.indices=64'],
     'epoch_1.pth'),
    ('clip4cir', 'clip4cir/clip4cir-sum_*mini*cirr*.py',
     EPOCH_OPTS + ['train_dataloader.dataset.indices=64'], 'epoch_1.pth'),
    # stage 2 from a random CLIP (its config loads stage 1's checkpoint); the feature cache
    # encodes the (cut) training set on each process
    ('clip4cir-combiner', 'clip4cir/clip4cir-combiner_*mini*cirr*.py',
     EPOCH_OPTS + ['train_dataloader.dataset.indices=256', 'load_from=None'], 'epoch_1.pth'),
    ('dccl', 'dccl/dccl_*mini*picai*.py', ITER_OPTS, 'iter_2.pth'),
    # mmdet RetinaNet downstream, backbone from a DCCL checkpoint (written by the test)
    ('dccl-retinanet', 'dccl/benchmarks/retinanet_*mini*picai*.py',
     ITER_OPTS + ['model.backbone.init_cfg.checkpoint={dccl_ckpt}'], 'iter_2.pth'),
    ('age', 'age/agecl_*mini*face-age-16x16.py',  # the triplet dataset wraps the image one
     EPOCH_OPTS + ['train_dataloader.dataset.dataset.indices=128'], 'epoch_1.pth'),
    ('fpattack', 'fpattack/signet-*mini*signatures*.py',
     EPOCH_OPTS + ['train_dataloader.dataset.indices=64'], 'epoch_1.pth'),
]


def _free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def _env(repo_root):
    env = dict(os.environ, PORT=str(_free_port()), OMP_NUM_THREADS='1', PYTHONPATH=repo_root)
    env['PATH'] = osp.dirname(sys.executable) + os.pathsep + env.get('PATH', '')
    return env


def _tiny(repo_root, pattern):
    found = sorted(glob.glob(osp.join(repo_root, 'configs', pattern)))
    assert found, f'no tiny config matches configs/{pattern}'
    return osp.relpath(found[0], repo_root)


def _random_checkpoint(repo_root, pattern, out):
    """A randomly initialised model of a tiny config, saved as an mmengine checkpoint."""
    import torch
    from mmengine.config import Config
    from mmengine.registry import MODELS, init_default_scope
    cfg = Config.fromfile(osp.join(repo_root, _tiny(repo_root, pattern)))
    for imp in cfg.get('custom_imports', {}).get('imports', []):
        __import__(imp)
    init_default_scope(cfg.get('default_scope', 'mmpretrain'))
    torch.manual_seed(0)
    model = MODELS.build(cfg.model)
    torch.save({'state_dict': model.state_dict(), 'meta': {}}, out)
    return out


def _two_rng_states(path):
    state = load_checkpoint_file(path)
    # one RNG state per rank (exact resume of both processes)
    return len(state['rng_states']) == 2 and all(s is not None for s in state['rng_states'])


def _params():
    out = []
    for method, pattern, opts, ckpt in CASES:
        marks = [pytest.mark.dist]
        if method != 'cone':
            marks.append(pytest.mark.slow)
        out.append(pytest.param(method, pattern, opts, ckpt, id=method, marks=marks))
    return out


@pytest.mark.parametrize('method,pattern,opts,ckpt', _params())
def test_tiny_config_two_processes_gloo(method, pattern, opts, ckpt, tmp_path, repo_root,
                                        mini_data_root):
    cfg = _tiny(repo_root, pattern)
    work = str(tmp_path / 'work')
    env = _env(repo_root)
    if any('{dccl_ckpt}' in o for o in opts):
        ckpt_in = _random_checkpoint(repo_root, 'dccl/dccl_*mini*picai*.py',
                                     str(tmp_path / 'dccl.pth'))
        opts = [o.format(dccl_ckpt=ckpt_in) for o in opts]
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
    assert _two_rng_states(path)


@pytest.mark.dist
@pytest.mark.slow
def test_ctp_continual_driver_two_tasks_two_processes(tmp_path, repo_root, mini_data_root):
    """tools/continual_train.py --launcher pytorch --nproc 2 --test: task 1 loads task 0's
    checkpoint (reference and momentum copies, topology loss), validates (cross-modal recall)
    and tests (multimodal mAP) on 2 processes; the driver reads the metrics back."""
    import json
    work = str(tmp_path / 'cont')
    cmd = [sys.executable, 'tools/continual_train.py', _tiny(repo_root, 'ctp/ctp_*mini*p9d.py'),
           '--work-dir', work, '--num-tasks', '2', '--launcher', 'pytorch', '--nproc', '2',
           '--test', '--cfg-options', 'train_cfg.max_epochs=1', 'train_cfg.val_interval=1',
           'train_dataloader.dataset.indices=64']
    proc = subprocess.run(cmd, cwd=repo_root, env=_env(repo_root), capture_output=True,
                          text=True, timeout=900)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    with open(osp.join(work, 'continual_results.json')) as f:
        summary = json.load(f)
    assert summary['tasks'] == 2 and len(summary['R'][1]) == 2
    assert len(summary['multimodal']['mAP@1']) == 2
    assert 'loss_topo' in open(glob.glob(osp.join(work, 'task1', '*', '*.log'))[0]).read()
    assert _two_rng_states(osp.join(work, 'task1', 'epoch_1.pth'))


@pytest.mark.dist
@pytest.mark.slow
def test_fpattack_attack_tool_two_processes(tmp_path, repo_root, mini_data_root):
    """tools/attack.py --launcher pytorch: the 56 test pairs split over 2 processes, every pair
    eligible (tiny threshold), one adversarial PNG per pair, the metrics dumped once."""
    import json
    victim = _random_checkpoint(repo_root, 'fpattack/signet-*mini*signatures*.py',
                                str(tmp_path / 'victim.pth'))
    work, out = str(tmp_path / 'attack'), str(tmp_path / 'metrics.json')
    cmd = [sys.executable, '-m', 'torch.distributed.run', '--nproc_per_node=2',
           f'--master_port={_free_port()}', 'tools/attack.py',
           _tiny(repo_root, 'fpattack/fpattack-nost_*mini*signatures*.py'),
           '--checkpoint', victim, '--work-dir', work, '--threshold', '1e-6', '--save-images',
           '--out', out, '--launcher', 'pytorch', '--cfg-options', 'test_cfg.attack.iters=2']
    proc = subprocess.run(cmd, cwd=repo_root, env=_env(repo_root), capture_output=True,
                          text=True, timeout=900)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    with open(out) as f:
        metrics = json.load(f)
    assert metrics['attack/num_pairs'] == 56 and metrics['attack/num_eligible'] == 56
    assert len(glob.glob(osp.join(work, 'adv', '*.png'))) == 56
    (log_json,) = glob.glob(osp.join(work, '*', '*.json'))
    with open(log_json) as f:
        assert json.load(f)['attack/num_pairs'] == 56  # one record, not two ranks' interleaved
