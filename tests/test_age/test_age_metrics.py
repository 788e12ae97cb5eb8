# Copyright (c) mmcontrast contributors. All rights reserved.
"""MAE vs scikit-learn, CS ties at theta, pooled vs per-fold (age.md §8.5)."""
import json

import numpy as np
import torch
from sklearn.metrics import mean_absolute_error as sk_mae

from mmcontrast.pretrain.evaluation import AgeMAE, CumulativeScore
from mmcontrast.pretrain.evaluation.age_metrics import (cumulative_score, mean_absolute_error,
                                                        pooled_and_per_fold_mae)


def test_mae_matches_sklearn():
    rng = np.random.default_rng(0)
    gt, pred = rng.uniform(0, 70, 50), rng.uniform(0, 70, 50)
    assert np.isclose(mean_absolute_error(pred, gt), sk_mae(gt, pred))
    assert np.isclose(mean_absolute_error(pred, gt, round_pred=True), sk_mae(gt, np.round(pred)))


def test_cs_ties_at_theta():
    gt = np.array([10., 10., 10., 10.])
    pred = np.array([15., 5., 15.5, 10.])  # errors 5, 5 (ties), 5.5, 0
    assert cumulative_score(pred, gt, [5])[0] == 75.0
    assert cumulative_score(pred, gt, [0, 4.99, 6]).tolist() == [25.0, 25.0, 100.0]


def test_pooled_differs_from_per_fold_on_unequal_folds():
    folds = [dict(pred=[1.], gt=[5.]),  # 1 image, MAE 4
             dict(pred=[0., 0., 0.], gt=[0., 0., 0.])]  # 3 images, MAE 0
    out = pooled_and_per_fold_mae(folds)
    assert np.isclose(out['pooled_mae'], 1.0) and np.isclose(out['per_fold_mae'], 2.0)


def test_metric_classes_and_dump(tmp_path):
    samples = [dict(pred_age=torch.tensor(3.5), gt_age=2.0, subject_id=1, img_path='a'),
               dict(pred_age=torch.tensor(9.0), gt_age=4.0, subject_id=2, img_path='b')]
    m = AgeMAE(dump_file=str(tmp_path / 'p.json'))
    m.process(None, samples)
    assert np.isclose(m.compute_metrics(m.results)['mae'], 3.25)
    assert json.load(open(tmp_path / 'p.json'))[1]['pred'] == 9.0
    c = CumulativeScore(thetas=(1, 5))
    c.process(None, samples)
    assert c.compute_metrics(c.results) == {'cs@1': 0.0, 'cs@5': 100.0}
