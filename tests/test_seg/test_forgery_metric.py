# Copyright (c) mmcontrast contributors. All rights reserved.
import numpy as np
import pytest
import torch
from sklearn.metrics import f1_score, roc_auc_score

from mmcontrast.seg.evaluation import ForgeryPixelMetric, pixel_scores


def test_macro_f1_matches_sklearn_on_random_masks():
    rng = np.random.default_rng(0)
    for _ in range(20):
        g = rng.random((9, 11)) < rng.random()
        p = rng.random((9, 11)) < rng.random()
        ref = f1_score(g.ravel(), p.ravel(), average='macro', zero_division=0)
        assert pixel_scores(p, g)['f1'] == pytest.approx(ref, abs=1e-12)
        assert pixel_scores(p, g)['f1_binary'] == pytest.approx(
            f1_score(g.ravel(), p.ravel(), zero_division=1.0), abs=1e-12)


def test_hand_computed_cases():
    z = np.zeros((4, 4), bool)
    assert pixel_scores(z, z) == dict(f1=1.0, f1_binary=1.0, iou=1.0)  # empty vs empty
    p = z.copy()
    p[0, 0] = True
    s = pixel_scores(p, z)  # authentic GT, a false alarm
    assert s['f1'] <= 0.5 and s['iou'] == 0 and s['f1_binary'] == 0
    assert s['f1'] == pytest.approx(f1_score(z.ravel(), p.ravel(), average='macro'))
    g = z.copy()
    g[0, :2] = True  # GT 2 pixels, prediction 1 of them
    s = pixel_scores(p, g)
    assert s['iou'] == pytest.approx(0.5, abs=1e-6)
    assert s['f1_binary'] == pytest.approx(2 / 3)
    # pristine class: tp=14, fp (pred pristine, gt forged)=1, fn=0 -> 28/29
    assert s['f1'] == pytest.approx((2 / 3 + 28 / 29) / 2)


def _sample(pred, gt, grid=None, score=None):
    d = dict(pred_sem_seg=dict(data=torch.as_tensor(pred)[None].long()),
             gt_sem_seg=dict(data=torch.as_tensor(gt)[None].long()))
    if grid is not None:
        d['pred_grid_seg'] = dict(data=torch.as_tensor(grid)[None].long())
    if score is not None:
        d['pred_forgery_score'] = torch.tensor(score)
    return d


def test_mean_over_images_and_auc():
    g1 = np.zeros((8, 8), np.uint8)
    g1[:4] = 1
    g0 = np.zeros((8, 8), np.uint8)
    m = ForgeryPixelMetric()
    samples = [_sample(g1, g1, score=0.9), _sample(g0, g0, score=0.1),
               _sample(1 - g1, g1, score=0.5)]
    m.process({}, samples)
    res = m.compute_metrics(m.results)
    per = [pixel_scores(s['pred_sem_seg']['data'][0].numpy(), s['gt_sem_seg']['data'][0].numpy())
           for s in samples]
    assert res['f1'] == pytest.approx(np.mean([p['f1'] for p in per]))
    assert res['iou'] == pytest.approx(np.mean([p['iou'] for p in per]))
    assert res['score'] == pytest.approx((res['f1'] + res['iou']) / 2)
    assert res['auc'] == pytest.approx(roc_auc_score([1, 0, 1], [0.9, 0.1, 0.5]))


def test_official_resolution_uses_grid_and_bilinear_gt():
    gt = np.zeros((128, 128), np.uint8)
    gt[:, :70] = 1
    grid = np.zeros((64, 64), np.uint8)
    grid[:, :35] = 1
    m = ForgeryPixelMetric(eval_resolution='official')
    m.process({}, [_sample(np.zeros_like(gt), gt, grid=grid)])  # full-res pred ignored
    assert m.results[0]['iou'] == pytest.approx(1.0, abs=1e-6)
    m2 = ForgeryPixelMetric(eval_resolution='official', official_size=(32, 32))
    m2.process({}, [_sample(gt, gt)])  # no grid: prediction resized by nearest
    assert m2.results[0]['f1'] > 0.95
    with pytest.raises(ValueError, match='eval_resolution'):
        ForgeryPixelMetric(eval_resolution='low')
