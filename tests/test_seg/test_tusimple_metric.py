# Copyright (c) mmcontrast contributors. All rights reserved.
import numpy as np
import pytest
import torch

import mmcontrast.seg  # noqa: F401
from mmcontrast.seg.evaluation import TuSimpleMetric, tusimple_bench


def test_hand_computed_example():
    h = [200, 210, 220, 230]
    gt = [[100, 100, 100, 100],        # vertical: threshold 20 px
          [-2, 300, 300, 300]]         # first point absent
    pred = [[110, 125, 100, 100],      # |dx| = 10, 25, 0, 0 -> 3/4 hits = 0.75 < 0.85
            [-2, 305, 300, 290]]       # absent/absent counts as a hit -> 4/4
    acc, fp, fn = tusimple_bench(pred, gt, h)
    assert acc == pytest.approx((0.75 + 1.0) / 2)
    assert fp == pytest.approx(1 / 2)   # one prediction unmatched
    assert fn == pytest.approx(1 / 2)   # one GT lane below 0.85


def test_slanted_threshold_and_more_than_four_lanes():
    h = [0, 10, 20, 30]
    # x = y: angle 45 deg -> threshold 20 / cos(45) = 28.28 px; 25 px off is a hit
    gt = [[0, 10, 20, 30]]
    acc, _, _ = tusimple_bench([[25, 35, 45, 55]], gt, h)
    assert acc == 1.0
    # five GT lanes: worst accuracy dropped, divided by 4
    gts = [[100 * k] * 4 for k in range(1, 6)]
    preds = [[100 * k] * 4 for k in range(1, 5)]
    acc, fp, fn = tusimple_bench(preds, gts, h)
    assert acc == 1.0 and fp == 0. and fn == 0.


def test_metric_decodes_predictions():
    h = list(range(160, 720, 10))
    seg = np.zeros((720, 1280), np.uint8)
    seg[160:720, 395:406] = 1  # a vertical lane at x = 400
    gt = [[400] * len(h), [900] * len(h)]
    m = TuSimpleMetric()
    m.dataset_meta = dict(classes=('background', ) + tuple(f'l{i}' for i in range(6)))
    m.process({}, [dict(pred_sem_seg=dict(data=torch.from_numpy(seg)[None]), h_samples=h,
                        tusimple_lanes=gt)])
    res = m.compute_metrics(m.results)
    assert res['Acc'] == pytest.approx(50.) and res['FP'] == 0. and res['FN'] == 50.
