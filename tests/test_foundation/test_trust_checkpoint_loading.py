# Copyright (c) mmcontrast contributors. All rights reserved.
"""Issue 12 (safe loading): no load path executes code from a checkpoint.

A ``.pth`` whose pickle carries a ``__reduce__`` payload goes through every
load path of the project (mmengine ``load_checkpoint``/``CheckpointLoader``,
``tools/test.py``, ``tools/train.py`` with ``load_from`` and ``--resume``,
mmseg ``init_model``, mmpretrain ``get_model``, ``init_cfg=Pretrained``,
``torch.load`` of mmengine's other schemes, and the four model converters):
each leaves no marker file and raises an error naming the file and the
opt-in. Real mmengine checkpoints (optimizer, EMA, message hub, numpy RNG
states, schedulers) load; empty/truncated files name the file.
"""
import os
import os.path as osp
import random
import runpy
import sys

import numpy as np
import pytest
import torch
import torch.nn as nn

import mmcontrast  # noqa: F401  (installs the restricted loader)
from mmcontrast.utils import (TRUST_ENV, CheckpointReadError, UntrustedCheckpointError,
                              load_checkpoint_file, safe_torch_load, trusted_checkpoints)

SEG_CFG = 'tests/test_foundation/configs/tiny_fcn_deterministic_mini-ade.py'


class _Payload:
    """Unpickling this creates ``path`` (stands for any code execution)."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (open, (self.path, 'w'))


@pytest.fixture
def evil(tmp_path):
    """A checkpoint that looks like weights but runs code when unpickled."""
    marker = str(tmp_path / 'PWNED')
    path = str(tmp_path / 'evil.pth')
    torch.save(dict(state_dict=nn.Linear(2, 2).state_dict(), meta=dict(x=_Payload(marker))),
               path)
    yield path, marker
    assert not osp.exists(marker), 'the checkpoint payload was executed'


def _assert_refused(excinfo, path):
    msg = str(excinfo.value)
    assert path in msg and TRUST_ENV in msg, msg


def _run_script(script, argv, repo_root, monkeypatch):
    monkeypatch.chdir(repo_root)
    monkeypatch.setattr(sys, 'argv', [script] + argv)
    runpy.run_path(script, run_name='__main__')


def test_mmengine_load_functions(evil):
    from mmengine.runner import CheckpointLoader, load_checkpoint
    from mmengine.runner.checkpoint import _load_checkpoint, load_from_local
    path, _ = evil
    for load in (lambda: load_checkpoint(nn.Linear(2, 2), path),
                 lambda: CheckpointLoader.load_checkpoint(path),
                 lambda: _load_checkpoint(path),
                 lambda: load_from_local(path, 'cpu'),  # mmengine's own function (torch.load)
                 lambda: load_checkpoint_file(path),
                 lambda: safe_torch_load(path)):
        with pytest.raises(UntrustedCheckpointError) as e:
            load()
        _assert_refused(e, path)


def test_init_cfg_pretrained(evil):
    from mmpretrain.models import ResNet
    path, _ = evil
    model = ResNet(depth=18, init_cfg=dict(type='Pretrained', checkpoint=path))
    with pytest.raises(UntrustedCheckpointError) as e:
        model.init_weights()
    _assert_refused(e, path)


def test_mmseg_init_model_and_mmpretrain_get_model(evil, repo_root, mini_data_root):
    from mmpretrain.apis import get_model
    from mmseg.apis import init_model
    path, _ = evil
    with pytest.raises(UntrustedCheckpointError) as e:
        init_model(osp.join(repo_root, SEG_CFG), path, device='cpu')
    _assert_refused(e, path)
    cfg = osp.join(repo_root, 'configs/cone/cone_resnet18-cifar_1xb32-10e_mini-digits.py')
    with pytest.raises(UntrustedCheckpointError) as e:
        get_model(cfg, pretrained=path, device='cpu')
    _assert_refused(e, path)


@pytest.mark.parametrize('tool', ['test', 'load_from', 'resume'])
def test_tools(tool, evil, tmp_path, repo_root, mini_data_root, monkeypatch):
    path, _ = evil
    work = ['--work-dir', str(tmp_path / 'w')]
    if tool == 'test':
        argv, script = [SEG_CFG, path] + work, 'tools/test.py'
    elif tool == 'load_from':
        argv, script = [SEG_CFG, '--cfg-options', f'load_from={path}'] + work, 'tools/train.py'
    else:
        argv, script = [SEG_CFG, '--resume', path] + work, 'tools/train.py'
    with pytest.raises(UntrustedCheckpointError) as e:
        _run_script(script, argv, repo_root, monkeypatch)
    _assert_refused(e, path)


@pytest.mark.parametrize('converter', [
    'clip2mmcontrast', 'clld2torchvision', 'cone_publish', 'focal_fuse_checkpoints'])
def test_model_converters(converter, evil, tmp_path, repo_root, monkeypatch):
    path, _ = evil
    out = str(tmp_path / 'out.pth')
    argv = [path, path, out] if converter == 'focal_fuse_checkpoints' else [path, out]
    with pytest.raises(UntrustedCheckpointError) as e:
        _run_script(f'tools/model_converters/{converter}.py', argv, repo_root, monkeypatch)
    _assert_refused(e, path)
    assert not osp.exists(out)


def test_no_bare_torch_load_in_project(repo_root):
    """Converters/tools/package load through the project's loader only."""
    offenders = []
    for top in ('mmcontrast', 'tools'):
        for dirpath, _, files in os.walk(osp.join(repo_root, top)):
            for name in files:
                if name.endswith('.py'):
                    p = osp.join(dirpath, name)
                    with open(p) as f:
                        src = f.read()
                    if 'torch.load(' in src and not p.endswith('checkpoint_compat.py'):
                        offenders.append(osp.relpath(p, repo_root))
    assert not offenders, offenders


def test_opt_in_for_trusted_legacy_files(tmp_path, monkeypatch):
    marker = str(tmp_path / 'ran')
    path = str(tmp_path / 'legacy.pth')
    torch.save(dict(x=_Payload(marker)), path)
    with trusted_checkpoints():
        load_checkpoint_file(path)
    assert osp.exists(marker)
    os.remove(marker)
    monkeypatch.setenv(TRUST_ENV, '1')
    load_checkpoint_file(path)
    assert osp.exists(marker)


def _real_checkpoint(path):
    """What mmengine's Runner writes: optimizer, schedulers, EMA, message hub, RNG."""
    from mmengine.logging import MessageHub
    from mmengine.model import ExponentialMovingAverage
    from mmengine.optim import CosineAnnealingLR, OptimWrapper
    model = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4))
    optim = OptimWrapper(torch.optim.AdamW(model.parameters(), lr=1e-3))
    model(torch.randn(2, 3, 8, 8)).sum().backward()
    optim.step()
    sched = CosineAnnealingLR(optim, T_max=10)
    ema = ExponentialMovingAverage(model)
    ema.update_parameters(model)
    hub = MessageHub.get_instance('trust_test')
    hub.update_scalar('train/loss', 1.5)
    hub.update_scalar('train/lr', np.float64(1e-3))
    hub.update_info('iter', 3)
    hub.update_info('keep_ckpt_ids', [1, 2])
    ckpt = dict(
        meta=dict(epoch=1, iter=3, cfg='model = dict()', seed=0, experiment_name='x',
                  mmengine_version='0.10.7', dataset_meta=dict(
                      classes=('a', 'b'), palette=[[1, 2, 3]], arr=np.arange(3))),
        state_dict=model.state_dict(),
        ema_state_dict=ema.state_dict(),
        optimizer=optim.state_dict(),
        param_schedulers=[sched.state_dict()],
        message_hub=hub.state_dict(),
        rng_states=[dict(python=random.getstate(), numpy=np.random.get_state(),
                         torch=torch.get_rng_state())],
        misc=dict(s={1, 2}, c=complex(1, 2), dt=np.dtype('float32'), half=torch.ones(
            2, dtype=torch.float16), size=torch.Size([2]), dev=torch.device('cpu'),
                  param=nn.Parameter(torch.ones(1)), npf=np.float32(2.0)))
    torch.save(ckpt, path)
    return ckpt


def test_real_mmengine_checkpoints_load(tmp_path):
    path = str(tmp_path / 'real.pth')
    ckpt = _real_checkpoint(path)
    loaded = load_checkpoint_file(path)
    assert loaded['message_hub']['log_scalars']['train/loss'].current() == 1.5
    assert loaded['message_hub']['log_scalars']['train/loss'].mean() == 1.5
    assert loaded['optimizer']['state'][0]['exp_avg'].shape == (4, 3, 3, 3)
    assert torch.equal(loaded['ema_state_dict']['steps'], ckpt['ema_state_dict']['steps'])
    np.testing.assert_array_equal(loaded['rng_states'][0]['numpy'][1],
                                  ckpt['rng_states'][0]['numpy'][1])
    assert loaded['misc']['s'] == {1, 2} and loaded['misc']['npf'] == np.float32(2.0)
    assert loaded['meta']['dataset_meta']['classes'] == ('a', 'b')


def test_history_buffer_getattr_is_not_a_general_getattr(tmp_path):
    import pickle

    from mmengine.logging import HistoryBuffer

    class _Escape:

        def __reduce__(self):  # first step of getattr(...).__globals__ chains
            return (getattr, (HistoryBuffer, '__init__'))

    path = str(tmp_path / 'getattr.pth')
    with open(path, 'wb') as f:
        pickle.dump(dict(x=_Escape()), f, protocol=2)  # legacy (non-zip) format too
    with pytest.raises(UntrustedCheckpointError) as e:
        safe_torch_load(path)
    _assert_refused(e, path)


@pytest.mark.parametrize('content', [b'', b'PK\x03\x04truncated', b'not a checkpoint'])
def test_empty_or_truncated_checkpoint_names_the_file(tmp_path, content):
    from mmengine.runner import load_checkpoint
    path = str(tmp_path / 'broken.pth')
    if content.startswith(b'PK'):  # a real checkpoint cut in half
        torch.save(nn.Linear(8, 8).state_dict(), path)
        with open(path, 'rb') as f:
            content = f.read()[:200]
    with open(path, 'wb') as f:
        f.write(content)
    with pytest.raises(CheckpointReadError, match='broken.pth'):
        load_checkpoint(nn.Linear(8, 8), path)
