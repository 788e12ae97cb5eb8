# Copyright (c) mmcontrast contributors. All rights reserved.
"""CoNe end to end: DenseCLHook gating, resume equal to an uninterrupted run, tools/ train+test."""
import json
import math
import os
import os.path as osp
import subprocess
import sys

import pytest
import torch
from mmengine.config import Config
from mmengine.hooks import Hook
from mmengine.runner import Runner

TINY = 'configs/cone/cone_resnet18-cifar_1xb32-10e_mini-digits.py'


class _RecordLosses(Hook):
    """Keeps the log variables of every training iteration."""

    def __init__(self):
        self.records = []

    def after_train_iter(self, runner, batch_idx, data_batch=None, outputs=None):
        self.records.append({k: float(v) for k, v in outputs.items()})


def _tiny_cfg(repo_root, data_root, work_dir, queue_size, start_iters, max_epochs, num_train=32):
    cfg = Config.fromfile(osp.join(repo_root, TINY))
    cfg.work_dir = str(work_dir)
    cfg.model.queue_size = queue_size
    cfg.model.head.nb_loss.knn_k = 8
    cfg.train_dataloader.batch_size = 16
    cfg.train_dataloader.dataset.data_root = osp.join(data_root, 'digits')
    cfg.train_dataloader.dataset.indices = num_train  # 2 iterations per epoch
    # No random augmentation, so that a resumed run sees exactly the same tensors.
    cfg.train_dataloader.dataset.pipeline = [
        dict(type='LoadImageFromFile'),
        dict(type='Resize', scale=(8, 8)),
        dict(type='PackInputs')
    ]
    cfg.train_cfg = dict(by_epoch=True, max_epochs=max_epochs, val_interval=1000)
    cfg.val_dataloader = cfg.val_cfg = cfg.val_evaluator = None
    cfg.test_dataloader = cfg.test_cfg = cfg.test_evaluator = None
    cfg.custom_hooks = [dict(type='DenseCLHook', start_iters=start_iters)]
    cfg.default_hooks.checkpoint = dict(type='CheckpointHook', interval=1)
    cfg.default_hooks.logger = dict(type='LoggerHook', interval=1)
    cfg.log_level = 'WARNING'
    return cfg


def _train(cfg, resume_from=None):
    if resume_from is not None:
        cfg.resume = True
        cfg.load_from = resume_from
    runner = Runner.from_cfg(cfg)
    recorder = _RecordLosses()
    runner.register_hook(recorder)
    runner.train()
    return runner, recorder.records


def test_densecl_hook_gates_the_neighbour_terms(repo_root, mini_data_root, tmp_path, monkeypatch):
    monkeypatch.chdir(repo_root)
    # Queue of 32 is full after 2 iterations; the hook keeps the terms off until iteration 4.
    cfg = _tiny_cfg(repo_root, mini_data_root, tmp_path, queue_size=32, start_iters=4, max_epochs=3)
    runner, records = _train(cfg)
    assert len(records) == 6
    for it, rec in enumerate(records):
        assert math.isfinite(rec['loss_ce'])
        if it < 4:
            assert 'loss_nb' not in rec and 'loss_dc' not in rec
        else:
            assert rec['loss_nb'] > 0 and math.isfinite(rec['loss_dc'])
    assert runner.model.loss_lambda == 1.0


def test_resume_equals_uninterrupted_run(repo_root, mini_data_root, tmp_path, monkeypatch):
    monkeypatch.chdir(repo_root)
    # Queue of 96 fills at iteration 6; the checkpoint at epoch 2 (iteration 4) has it 2/3 full.
    full_cfg = _tiny_cfg(
        repo_root, mini_data_root, tmp_path / 'full', queue_size=96, start_iters=2, max_epochs=4)
    full_runner, full_records = _train(full_cfg)
    ckpt = osp.join(tmp_path, 'full', 'epoch_2.pth')
    state = torch.load(ckpt, map_location='cpu')['state_dict']
    assert int(state['queue.ptr']) == 64 and not bool(state['queue.full'])
    assert int(state['key_encoder.steps']) == 4

    res_cfg = _tiny_cfg(
        repo_root, mini_data_root, tmp_path / 'resumed', queue_size=96, start_iters=2, max_epochs=4)
    res_runner, res_records = _train(res_cfg, resume_from=ckpt)
    assert len(res_records) == 4 and len(full_records) == 8
    assert [set(r) for r in full_records[6:]] == [{'loss', 'loss_ce', 'loss_nb', 'loss_dc'}] * 2
    assert all('loss_nb' not in r for r in full_records[:6])  # queue_full gate binds until it fills
    assert [set(r) for r in res_records] == [set(r) for r in full_records[4:]]
    for a, b in zip(full_records[4:], res_records):
        for k in a:
            assert abs(a[k] - b[k]) < 1e-4, k
    sa, sb = full_runner.model.state_dict(), res_runner.model.state_dict()
    assert set(sa) == set(sb)
    assert bool(sa['queue.full']) and int(sa['queue.ptr']) == 32
    for k in sa:
        if sa[k].dtype.is_floating_point:
            assert torch.allclose(sa[k], sb[k], atol=1e-5), k
        else:
            assert torch.equal(sa[k], sb[k]), k


def _train_and_test_through_tools(repo_root, mini_data_root, tmp_path, extra_opts):
    data = osp.join(mini_data_root, 'digits')
    opts = [f'{split}_dataloader.dataset.data_root={data}' for split in ('train', 'val', 'test')]
    env = dict(os.environ, OMP_NUM_THREADS='1')  # 2 threads thrash on a loaded machine
    work = str(tmp_path / 'work')
    subprocess.run([
        sys.executable, 'tools/train.py', TINY, '--work-dir', work, '--cfg-options',
        'train_cfg.max_epochs=2', 'train_cfg.val_interval=2', *extra_opts, *opts
    ],
                   cwd=repo_root,
                   env=env,
                   check=True,
                   capture_output=True)
    ckpt = osp.join(work, 'epoch_2.pth')
    state = torch.load(ckpt, map_location='cpu')['state_dict']
    assert bool(state['queue.full'])
    logs = [
        json.loads(line) for line in open(
            next(
                osp.join(root, f) for root, _, files in os.walk(work) for f in files
                if f.endswith('.json')))
    ]
    train_logs = [r for r in logs if 'loss_ce' in r]
    assert train_logs and all(math.isfinite(r['loss']) for r in train_logs)
    assert any('loss_nb' in r for r in train_logs)  # neighbour phase reached in epoch 2
    out = str(tmp_path / 'metrics.json')
    subprocess.run([
        sys.executable, 'tools/test.py', TINY, ckpt, '--work-dir', work, '--out', out, '--out-item',
        'metrics', '--cfg-options', *opts
    ],
                   cwd=repo_root,
                   env=env,
                   check=True,
                   capture_output=True)
    with open(out) as f:
        return json.load(f)


def test_train_and_test_through_tools_fast(repo_root, mini_data_root, tmp_path):
    """A handful of iterations: 2 epochs of 160 images (10 steps, queue full at step 8);
    the config's neighbour_start_epoch=1 opens the gate at step 5."""
    metrics = _train_and_test_through_tools(
        repo_root, mini_data_root, tmp_path, ['train_dataloader.dataset.indices=160'])
    assert 0.0 <= metrics['accuracy/top1'] <= 100.0 and 'accuracy/top5' in metrics


@pytest.mark.slow
def test_train_and_test_through_tools_learns(repo_root, mini_data_root, tmp_path):
    """Tiny config as shipped, 2 of its 10 epochs (88 steps): well above chance."""
    metrics = _train_and_test_through_tools(repo_root, mini_data_root, tmp_path, [])
    assert metrics['accuracy/top1'] > 50.0  # chance is 10 %


@pytest.mark.slow
def test_second_view_variant_trains_through_the_runner(repo_root, mini_data_root, tmp_path,
                                                       monkeypatch):
    """key_view='second' with MultiView(2) + SelfSupDataPreprocessor, as the 2view config."""
    monkeypatch.chdir(repo_root)
    cfg = _tiny_cfg(repo_root, mini_data_root, tmp_path, queue_size=32, start_iters=2, max_epochs=2)
    two_view = Config.fromfile(
        osp.join(repo_root, 'configs/cone/cone-2view_resnet50_8xb128-coslr-100e_in1k.py'))
    assert two_view.model.key_view == 'second'
    assert two_view.model.data_preprocessor.type == 'SelfSupDataPreprocessor'
    cfg.model.key_view = 'second'
    cfg.model.data_preprocessor = dict(
        type='SelfSupDataPreprocessor', mean=[127.5] * 3, std=[127.5] * 3, to_rgb=True)
    cfg.train_dataloader.dataset.pipeline = [
        dict(type='LoadImageFromFile'),
        dict(type='Resize', scale=(8, 8)),
        dict(
            type='MultiView',
            num_views=2,
            transforms=[[dict(type='RandomCrop', crop_size=8, padding=1)]]),
        dict(type='PackInputs')
    ]
    runner, records = _train(cfg)
    assert len(records) == 4 and set(records[-1]) == {'loss', 'loss_ce', 'loss_nb', 'loss_dc'}
    assert all(math.isfinite(v) for r in records for v in r.values())
