# Copyright (c) mmcontrast contributors. All rights reserved.
import itertools

import numpy as np
import pytest
import torch

import mmcontrast.seg  # noqa: F401
from mmcontrast.seg.evaluation import CULaneMetric, culane_tp_fp_fn
from mmcontrast.seg.evaluation.culane_metric import f1_from_counts, lane_ious


def _lane(x0, x1, y0=589, y1=300, n=20):
    ys = np.linspace(y0, y1, n)
    return np.stack([np.linspace(x0, x1, n), ys], 1)


def test_identical_lanes_f1_one_and_shift_zero():
    gt = [_lane(300, 700), _lane(1200, 900)]
    assert culane_tp_fp_fn(gt, gt) == (2, 0, 0)
    shifted = [ln + np.array([40., 0.]) for ln in gt]  # 30 px wide lines 40 px apart
    assert culane_tp_fp_fn(shifted, gt) == (0, 2, 2)
    assert f1_from_counts(0, 2, 2) == (0., 0., 0.)


def test_hand_computed_counts():
    gt = [_lane(300, 700), _lane(1200, 900), _lane(100, 500)]
    pred = [_lane(305, 705), _lane(1500, 1400)]  # one hit, one false positive
    assert culane_tp_fp_fn(pred, gt) == (1, 1, 2)
    assert culane_tp_fp_fn([], gt) == (0, 0, 3)
    assert culane_tp_fp_fn(pred, []) == (0, 2, 0)
    p, r, f = f1_from_counts(1, 1, 2)
    assert (p, r) == (0.5, 1 / 3) and f == pytest.approx(0.4)


def test_hungarian_matches_brute_force():
    rng = np.random.default_rng(0)
    for _ in range(5):
        gt = [_lane(*rng.uniform(200, 1400, 2)) for _ in range(rng.integers(1, 5))]
        pred = [g + np.array([rng.uniform(-25, 25), 0.]) for g in gt[:rng.integers(1, 5)]]
        pred += [_lane(*rng.uniform(200, 1400, 2)) for _ in range(rng.integers(0, 2))]
        ious = lane_ious(pred, gt, (590, 1640))
        best = (-1., 0)
        P, G = ious.shape
        for perm in itertools.permutations(range(max(P, G)), P):
            pairs = [(i, j) for i, j in enumerate(perm) if j < G]
            total = sum(ious[i, j] for i, j in pairs)
            if total > best[0] + 1e-12:
                best = (total, sum(ious[i, j] > 0.5 for i, j in pairs))
        assert culane_tp_fp_fn(pred, gt)[0] == best[1]


def test_metric_decodes_label_maps_and_categories():
    metric = CULaneMetric()
    metric.dataset_meta = dict(classes=('background', 'l1', 'l2', 'l3', 'l4'))
    import cv2
    gt = [_lane(400, 700, n=30)]
    seg = np.zeros((590, 1640), np.uint8)
    cv2.polylines(seg, [np.round(gt[0]).astype(np.int32)], False, 2, 16)
    samples = [dict(pred_sem_seg=dict(data=torch.from_numpy(seg)[None]), gt_lanes=gt,
                    category='normal'),
               dict(pred_sem_seg=dict(data=torch.from_numpy(seg)[None]), gt_lanes=[],
                    category='cross')]
    metric.process({}, samples)
    res = metric.compute_metrics(metric.results)
    assert res['TP'] == 1 and res['FP'] == 1 and res['FN'] == 0
    assert res['normal_F1'] == pytest.approx(100.) and res['cross_FP'] == 1
    assert res['F1'] == pytest.approx(100 * 2 * 0.5 / 1.5)
    with pytest.raises(ValueError, match='iou_thr'):
        CULaneMetric(iou_thr=1.5)


def test_missing_gt_lanes_fails_fast():
    metric = CULaneMetric()
    with pytest.raises(KeyError, match='gt_lanes'):
        metric.process({}, [dict(pred_sem_seg=dict(data=torch.zeros(1, 4, 4)))])
