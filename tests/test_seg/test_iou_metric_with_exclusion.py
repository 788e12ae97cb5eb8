# Copyright (c) mmcontrast contributors. All rights reserved.
"""IoUMetricWithExclusion against a numpy confusion-matrix reference."""
import numpy as np
import pytest
import torch

import mmcontrast.seg  # noqa: F401
from mmseg.registry import METRICS


def _reference(preds, gts, k, exclude):
    conf = np.zeros((k, k), np.int64)
    for p, g in zip(preds, gts):
        m = g != 255
        conf += np.bincount(g[m] * k + p[m], minlength=k * k).reshape(k, k)
    tp = np.diag(conf).astype(float)
    with np.errstate(divide='ignore', invalid='ignore'):
        iou = tp / (conf.sum(0) + conf.sum(1) - tp)
        acc = tp / conf.sum(1)
    keep = np.ones(k, bool)
    keep[exclude] = False
    freq = conf.sum(1) / conf.sum()
    present = conf.sum(1) > 0
    return dict(mIoU=np.nanmean(iou) * 100, mIoU_wo=np.nanmean(iou[keep]) * 100,
                mAcc_wo=np.nanmean(acc[keep]) * 100, aAcc=tp.sum() / conf.sum() * 100,
                fwIoU=(freq[present] * iou[present]).sum() * 100)


def test_matches_numpy_reference_with_absent_class():
    k = 5
    rng = np.random.default_rng(0)
    preds, gts = [], []
    for _ in range(3):
        g = rng.integers(0, 4, (12, 16))              # class 4 never in GT ...
        # ... nor predicted
        p = np.where(rng.random((12, 16)) < 0.6, g, rng.integers(0, 4, (12, 16)))
        g[:2] = 255
        preds.append(p)
        gts.append(g)
    metric = METRICS.build(dict(type='IoUMetricWithExclusion', exclude_from_mean=[0]))
    metric.dataset_meta = dict(classes=('void', 'a', 'b', 'c', 'd'))
    samples = [dict(pred_sem_seg=dict(data=torch.from_numpy(p)[None]),
                    gt_sem_seg=dict(data=torch.from_numpy(g)[None])) for p, g in zip(preds, gts)]
    metric.process({}, samples)
    out = metric.compute_metrics(metric.results)
    ref = _reference(preds, gts, k, [0])
    assert out['mIoU'] == pytest.approx(round(ref['mIoU'], 2), abs=1e-6)
    assert out['mIoU_wo_void'] == pytest.approx(round(ref['mIoU_wo'], 2), abs=1e-6)
    assert out['mAcc_wo_void'] == pytest.approx(round(ref['mAcc_wo'], 2), abs=1e-6)
    assert out['aAcc'] == pytest.approx(round(ref['aAcc'], 2), abs=1e-6)
    assert out['fwIoU'] == pytest.approx(round(ref['fwIoU'], 2), abs=1e-6)
    assert out['mIoU_wo_void'] != out['mIoU']


def test_validation():
    with pytest.raises(ValueError):
        METRICS.build(dict(type='IoUMetricWithExclusion', exclude_from_mean=[]))
    with pytest.raises(ValueError):
        METRICS.build(dict(type='IoUMetricWithExclusion', iou_metrics=['mDice']))
    m = METRICS.build(dict(type='IoUMetricWithExclusion', exclude_from_mean=[7]))
    m.dataset_meta = dict(classes=('a', 'b'))
    m.process({}, [dict(pred_sem_seg=dict(data=torch.zeros(1, 2, 2, dtype=torch.long)),
                        gt_sem_seg=dict(data=torch.zeros(1, 2, 2, dtype=torch.long)))])
    with pytest.raises(ValueError):
        m.compute_metrics(m.results)
