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
import torch

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


def test_tiny_icpc_on_16bit_ade20k_full_layout(tmp_path, repo_root):
    """ICPC with K = 847 on a generated ADE20K-Full-layout set (uint16 TIFF labels with ids
    0, 255, 300, 846 and void 65535): 65535 is ignored everywhere while 255 is a class."""
    from mmengine.config import Config
    from mmengine.runner import Runner
    from PIL import Image

    base = tmp_path / 'ADE20K_2021_17_01'
    rng = np.random.default_rng(0)
    for split, n in (('training', 4), ('validation', 2)):
        (base / 'images_detectron2' / split).mkdir(parents=True)
        (base / 'annotations_detectron2' / split).mkdir(parents=True)
        for i in range(n):
            Image.fromarray(rng.integers(0, 255, (64, 64, 3), dtype=np.uint8)).save(
                base / 'images_detectron2' / split / f'ADE_{split}_{i}.jpg')
            lab = np.repeat(np.repeat(rng.choice(
                np.array([0, 255, 300, 846, 65535], np.uint16), (4, 4)), 16, 0), 16, 1)
            Image.fromarray(lab).save(
                base / 'annotations_detectron2' / split / f'ADE_{split}_{i}.tif')
    (base / 'ade20k_full_classes.txt').write_text(''.join(f'class {i}\n' for i in range(847)))

    cfg = Config.fromfile(osp.join(repo_root, ICPC))
    K, ign = 847, 65535
    cfg.model.class_names = dict(file=str(base / 'ade20k_full_classes.txt'))
    cfg.model.data_preprocessor.seg_pad_val = ign
    cfg.model.neck.in_channels = [32, 64 + K, 128 + K, 256 + K]
    cfg.model.decode_head.update(num_classes=K, ignore_index=ign)
    cfg.model.identity_head.update(num_classes=K, ignore_index=ign)
    cfg.model.feature_losses.agc.update(ignore_index=ign, topk_neg=10)
    cfg.model.text_encoder.update(text_chunk_size=1000, with_cp=True)
    pipe = [dict(type='LoadImageFromFile'), dict(type='LoadAnnotationsU16'),
            dict(type='RandomCrop', crop_size=(48, 48), cat_max_ratio=0.75, ignore_index=ign),
            dict(type='PackSegInputs')]
    ds = dict(type='ADE20KFullDataset', data_root=str(base), pipeline=pipe,
              data_prefix=dict(img_path='images_detectron2/training',
                               seg_map_path='annotations_detectron2/training'))
    cfg.train_dataloader.dataset = ds
    cfg.train_dataloader.batch_size = 2
    val_ds = dict(ds, data_prefix=dict(img_path='images_detectron2/validation',
                                       seg_map_path='annotations_detectron2/validation'),
                  pipeline=[pipe[0], pipe[1], pipe[3]])
    cfg.val_dataloader.dataset = val_ds
    cfg.test_dataloader.dataset = val_ds
    cfg.val_evaluator = dict(type='IoUMetric', iou_metrics=['mIoU'], ignore_index=ign)
    cfg.test_evaluator = cfg.val_evaluator
    cfg.train_cfg.update(max_iters=2, val_interval=2)
    cfg.param_scheduler = [dict(type='ConstantLR', factor=1.0, by_epoch=False)]
    cfg.default_hooks.checkpoint.interval = 100
    cfg.work_dir = str(tmp_path / 'work')
    runner = Runner.from_cfg(cfg)
    runner.train()
    metrics = runner.val_loop.run()
    assert 0 <= metrics['mIoU'] <= 100
    evaluator = runner.val_evaluator.metrics[0]
    assert evaluator.dataset_meta['classes'][255] == 'class 255'  # names in trainId order
    assert len(evaluator.dataset_meta['classes']) == K
    # labels stay 16-bit through the pipeline, and every loss is finite with 65535 pixels
    batch = next(iter(runner.train_dataloader))
    ids = set(torch.cat([d.gt_sem_seg.data.unique() for d in batch['data_samples']]).tolist())
    assert ids <= {0, 255, 300, 846, 65535} and ids & {300, 846}
    model = runner.model.train()
    data = model.data_preprocessor(batch, True)
    losses = model.loss(data['inputs'], data['data_samples'])
    assert {'decode.loss_ce', 'aux_identity.loss_ce', 'loss_agc'} <= set(losses)
    assert all(torch.isfinite(v) for v in losses.values())


def test_tiny_icpc_learns(repo_root, mini_data_root):
    """Fast learning check (default suite): 12 AdamW steps of the tiny ICPC on one batch of
    mini-ADE training crops; every loss falls, the align-guided contrast by more than a third."""
    sys.path.insert(0, osp.join(repo_root, 'tests', 'test_seg'))
    from seg_learning import build_model_and_batch, train_steps
    model, data = build_model_and_batch(repo_root, ICPC, n=2)
    logs, totals = train_steps(model, data, steps=12, lr=1e-3)
    assert totals[-1] < 0.7 * totals[0], totals
    assert logs[-1]['loss_agc'] < 0.67 * logs[0]['loss_agc'], logs
    assert logs[-1]['decode.loss_ce'] < logs[0]['decode.loss_ce'], logs
