# Copyright (c) mmcontrast contributors. All rights reserved.
"""Compatibility shims: checkpoint loading, --amp without GPU, missing mmcv ops."""
import functools
import importlib.util
import os
import subprocess
import sys

import pytest
import torch
import torch.nn as nn
from mmengine.logging import HistoryBuffer
from mmengine.runner.checkpoint import (CheckpointLoader, load_checkpoint,
                                        load_from_local)

import mmcontrast  # noqa: F401
from mmcontrast.utils import check_amp_available, torch_load_compat


def _full_checkpoint(path):
    model = nn.Linear(3, 2)
    torch.save(
        dict(
            meta=dict(epoch=1, iter=2),
            state_dict=model.state_dict(),
            message_hub=dict(log_scalars={'loss': HistoryBuffer([1.0, 2.0], [1, 1])}),
        ), path)
    return model


@pytest.fixture
def torch_load_defaults_to_weights_only(monkeypatch):
    """Simulate torch >= 2.6, where torch.load defaults to weights_only=True."""
    real_load = torch.load
    calls = []

    @functools.wraps(real_load)
    def load(*args, **kwargs):
        kwargs.setdefault('weights_only', True)
        calls.append(kwargs['weights_only'])
        return real_load(*args, **kwargs)

    monkeypatch.setattr(torch, 'load', load)
    return calls


def test_plain_weights_load_with_the_restricted_unpickler(
        tmp_path, torch_load_defaults_to_weights_only):
    path = tmp_path / 'weights.pth'
    model = nn.Linear(3, 2)
    torch.save(model.state_dict(), path)
    sd = torch_load_compat(str(path))
    assert torch.equal(sd['weight'], model.weight)
    # weights_only is passed explicitly (False, with the restricted pickle module)
    assert torch_load_defaults_to_weights_only == [False]


def test_mmengine_loader_fails_where_ours_works(tmp_path, torch_load_defaults_to_weights_only):
    path = str(tmp_path / 'full.pth')
    model = _full_checkpoint(path)
    # mmengine 0.10.7's own loader relies on the default and would fail on its own
    # checkpoints; mmcontrast routes its `torch.load` through the restricted unpickler
    assert load_from_local(path, map_location='cpu')['meta']['iter'] == 2
    # the scheme mmcontrast registers (used by load_checkpoint and runner.resume) works,
    # in one restricted pass (no silent retry with full unpickling)
    torch_load_defaults_to_weights_only.clear()
    ckpt = CheckpointLoader.load_checkpoint(path, map_location='cpu')
    assert ckpt['message_hub']['log_scalars']['loss'].current() == 2.0
    assert torch_load_defaults_to_weights_only == [False]
    target = nn.Linear(3, 2)
    load_checkpoint(target, path, map_location='cpu')
    assert torch.equal(target.weight, model.weight)


def test_amp_without_gpu_gives_a_clear_error():
    if torch.cuda.is_available():
        pytest.skip('a GPU is present')
    with pytest.raises(RuntimeError, match='--amp'):
        check_amp_available()


def test_train_tool_rejects_amp_without_gpu(repo_root):
    if torch.cuda.is_available():
        pytest.skip('a GPU is present')
    spec = importlib.util.spec_from_file_location('train_tool', f'{repo_root}/tools/train.py')
    train_tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(train_tool)
    from mmengine.config import Config
    cfg = Config.fromfile(
        f'{repo_root}/tests/test_foundation/configs/tiny_fcn_syncbn_mini-ade.py')
    args = train_tool.argparse.Namespace(
        no_validate=False, launcher='none', work_dir='/tmp/x', amp=True, resume=None,
        auto_scale_lr=False, no_pin_memory=False, no_persistent_workers=False,
        cfg_options=None, config='x.py')
    with pytest.raises(RuntimeError, match='needs a CUDA GPU'):
        train_tool.merge_args(cfg, args)


def test_import_without_mmcv_ops_fails_with_instructions(tmp_path, repo_root):
    # The check lives in the host adapters (mmcontrast.seg/.pretrain/.det); the core
    # (mmcontrast, mmcontrast.contrastive) imports without mmcv, see
    # tests/test_contrastive/test_import_without_hosts.py.
    fake = tmp_path / 'mmcv'
    fake.mkdir()
    (fake / '__init__.py').write_text('__version__ = "2.1.0"\n')  # mmcv-lite: no _ext
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), repo_root]))
    proc = subprocess.run([sys.executable, '-c', 'import mmcontrast.seg'],
                          env=env, capture_output=True, text=True)
    assert proc.returncode != 0
    assert 'compiled ops' in proc.stderr
    assert 'MMCV_WITH_OPS=1' in proc.stderr
