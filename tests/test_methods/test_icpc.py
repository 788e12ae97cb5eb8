# Copyright (c) mmcontrast contributors. All rights reserved.
"""ICPC / DenseCLIP / CLIP+FPN end to end on the mini ADE20K set: tools/train.py, tools/test.py,
resume, and inference through mmseg.apis and MMSegInferencer."""
import glob
import json
import os
import os.path as osp
import re
import subprocess
import sys

import numpy as np
import pytest

CFG_DIR = 'configs/icpc'
ICPC = f'{CFG_DIR}/icpc_clip-tiny-fpn_1xb4-300iter_mini-ade-64x64.py'
DENSECLIP = f'{CFG_DIR}/denseclip_clip-tiny-fpn_1xb4-300iter_mini-ade-64x64.py'
FPN = f'{CFG_DIR}/fpn_clip-tiny_1xb4-300iter_mini-ade-64x64.py'


def _run(args, cwd):
    env = dict(os.environ, OMP_NUM_THREADS='1')
    proc = subprocess.run([sys.executable] + args, cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=1200)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc.stdout + proc.stderr


def _opts(iters, ckpt_interval=None, validate=True):
    opts = ['--cfg-options', f'train_cfg.max_iters={iters}', f'train_cfg.val_interval={iters}',
            f'default_hooks.checkpoint.interval={ckpt_interval or iters}',
            'default_hooks.logger.interval=1', 'default_hooks.checkpoint.max_keep_ckpts=3']
    return ([] if validate else ['--no-validate']) + opts


def _test(cfg, ckpt, work_dir, repo_root):
    log = _run(['tools/test.py', cfg, ckpt, '--work-dir', str(work_dir)], repo_root)
    assert 'mIoU' in log
    result = sorted(glob.glob(osp.join(str(work_dir), '*', '*.json')))[-1]
    with open(result) as f:
        metrics = json.load(f)
    assert 0 <= metrics['mIoU'] <= 100
    return metrics


def test_tiny_icpc_train_test_infer(tmp_path, repo_root, mini_data_root):
    """Fast path: 2 ICPC iterations through tools/train.py, tools/test.py, then inference
    through mmseg.apis and MMSegInferencer on the checkpoint."""
    work = tmp_path / 'icpc'
    log = _run(['tools/train.py', ICPC, '--work-dir', str(work)] + _opts(2, 1, False),
               repo_root)
    for key in ('decode.loss_ce', 'aux_identity.loss_ce', 'loss_agc'):
        vals = [float(v) for v in re.findall(rf'{re.escape(key)}: ([-\d.e+naninf]+)', log)]
        assert len(vals) >= 2 and all(np.isfinite(vals)), key
    ckpt = str(work / 'iter_2.pth')
    _test(ICPC, ckpt, work, repo_root)

    from mmengine.registry import DefaultScope
    from mmseg.apis import MMSegInferencer, inference_model, init_model
    img = sorted(glob.glob(osp.join(
        mini_data_root, 'ade/ADEChallengeData2016/images/validation/*.jpg')))[0]
    with DefaultScope.overwrite_default_scope('mmseg'):
        model = init_model(osp.join(repo_root, ICPC), ckpt, device='cpu')
        res = inference_model(model, img)
        assert res.pred_sem_seg.data.shape == (1, 96, 96)
        assert set(np.unique(res.pred_sem_seg.data.numpy())) <= {0, 1, 2, 3}
        inferencer = MMSegInferencer(model=osp.join(repo_root, ICPC), weights=ckpt,
                                     device='cpu')
        out = inferencer(img, return_datasamples=False)
        pred = np.asarray(out['predictions'])
        assert pred.shape == (96, 96)
        np.testing.assert_array_equal(pred, res.pred_sem_seg.data[0].numpy())


@pytest.mark.slow
def test_tiny_icpc_resume(tmp_path, repo_root, mini_data_root):
    """--resume continues from the last checkpoint (optimizer, scheduler, iteration)."""
    work = tmp_path / 'icpc'
    _run(['tools/train.py', ICPC, '--work-dir', str(work)] + _opts(2, 1, False), repo_root)
    log = _run(['tools/train.py', ICPC, '--work-dir', str(work), '--resume'] +
               _opts(3, 1, False), repo_root)
    assert 'Iter(train) [3/3]' in log and 'Iter(train) [1/3]' not in log
    assert osp.isfile(work / 'iter_3.pth')


@pytest.mark.slow
@pytest.mark.parametrize('cfg', [FPN, DENSECLIP, ICPC])
def test_tiny_configs_as_shipped(tmp_path, repo_root, mini_data_root, cfg):
    """The three tiny configs for their full 300 iterations (about 1-2 min each on 2 cores)."""
    work = tmp_path / 'run'
    _run(['tools/train.py', cfg, '--work-dir', str(work)], repo_root)
    metrics = _test(cfg, str(work / 'iter_300.pth'), work, repo_root)
    assert metrics['mIoU'] > 40  # 4 classes; chance is ~25 aAcc, a trained model gets ~70
