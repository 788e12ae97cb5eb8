# Copyright (c) mmcontrast contributors. All rights reserved.
"""Configs build; the tiny victim learns; end-to-end train + attack (slow)."""
import glob
import os
import os.path as osp
import subprocess
import sys

import pytest
import torch
from mmengine.config import Config
from mmengine.registry import TASK_UTILS

import mmcontrast.pretrain  # noqa: F401

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
CFG_DIR = osp.join(ROOT, 'configs', 'fpattack')
TINY = osp.join(CFG_DIR, 'signet-w0.125_1xb16-3e_mini-signatures-40x56.py')


@pytest.fixture(scope='module')
def mini_root(tmp_path_factory):
    from mmcontrast.mini_datasets import make_mini_datasets
    root = str(tmp_path_factory.mktemp('mini'))
    return make_mini_datasets(root, ['signatures'])['signatures']


@pytest.mark.parametrize('path', sorted(glob.glob(osp.join(CFG_DIR, '*.py'))),
                         ids=osp.basename)
def test_config_builds(path):
    cfg = Config.fromfile(path)
    assert cfg.model.type == 'SiameseVerifier'
    if cfg.test_cfg.get('type') == 'FPAttackLoop':
        attack = TASK_UTILS.build(cfg.test_cfg.attack)
        assert attack.threshold == cfg.threshold
        assert cfg.test_dataloader.dataset.only_label == 0


def _tiny_cfg(mini_root, work_dir, epochs):
    cfg = Config.fromfile(TINY)
    data_root = osp.join(mini_root, 'CEDAR')
    for k in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        cfg[k].dataset.data_root = data_root
    cfg.train_cfg.max_epochs = epochs
    cfg.work_dir = work_dir
    cfg.default_hooks.checkpoint = dict(type='CheckpointHook', interval=100)
    cfg.log_level = 'WARNING'
    return cfg


def test_tiny_victim_learns(mini_root, tmp_path):
    """AUC / best balanced accuracy on validation writers rise above the untrained net."""
    from mmengine.runner import Runner
    runner = Runner.from_cfg(_tiny_cfg(mini_root, str(tmp_path), epochs=2))
    from mmcontrast.pretrain.fpattack import verification_scores

    def evaluate():
        model = runner.model.eval()
        res = [r for batch in runner.val_dataloader for r in model.val_step(batch)]
        return verification_scores([r['distance'] for r in res], [r['is_same'] for r in res])

    untrained = evaluate()
    runner.train()
    trained = evaluate()
    assert trained['auc'] > untrained['auc'] and trained['auc'] > 75
    assert trained['best_balanced_accuracy'] > untrained['best_balanced_accuracy']


@pytest.mark.slow
def test_train_then_attack_end_to_end(mini_root, tmp_path):
    env = dict(os.environ, PYTHONPATH=ROOT, OMP_NUM_THREADS='1')
    data_root = osp.join(mini_root, 'CEDAR')
    opts = [f'{k}.dataset.data_root={data_root}'
            for k in ('train_dataloader', 'val_dataloader', 'test_dataloader')]
    subprocess.run([sys.executable, osp.join(ROOT, 'tools/train.py'), TINY, '--work-dir',
                    str(tmp_path / 'victim'), '--cfg-options'] + opts, check=True, env=env)
    ckpt = glob.glob(str(tmp_path / 'victim' / 'best_*.pth'))[0]
    att = osp.join(CFG_DIR, 'fpattack-st_signet-w0.125_adam20_mini-signatures-40x56.py')
    out = tmp_path / 'm.json'
    subprocess.run([sys.executable, osp.join(ROOT, 'tools/attack.py'), att, '--checkpoint', ckpt,
                    '--work-dir', str(tmp_path / 'att'), '--save-images', '--out', str(out),
                    '--cfg-options', opts[2]], check=True, env=env)
    import json
    m = json.load(open(out))
    assert m['attack/num_eligible'] > 0 and m['attack/asr'] > 0
    assert m['attack/mean_abs'] < 0.2
    assert glob.glob(str(tmp_path / 'att' / 'adv' / '*.png'))
    # a zero-iteration attack has ASR 0 by construction
    subprocess.run([sys.executable, osp.join(ROOT, 'tools/attack.py'), att, '--checkpoint', ckpt,
                    '--work-dir', str(tmp_path / 'att0'), '--out', str(out), '--cfg-options',
                    opts[2], 'test_cfg.attack.iters=0'], check=True, env=env)
    assert json.load(open(out))['attack/asr'] == 0
