# Copyright (c) mmcontrast contributors. All rights reserved.
"""BinaryAUC = scikit-learn's roc_auc_score, with ties and case aggregation (spec §8.6)."""
import math

import numpy as np
import pytest
import torch
from sklearn.metrics import roc_auc_score

from mmcontrast.pretrain.evaluation import BinaryAUC, binary_auc


def test_auc_matches_sklearn_with_ties():
    rng = np.random.default_rng(0)
    for _ in range(5):
        s = rng.integers(0, 5, 200) / 4.  # many ties
        y = rng.integers(0, 2, 200)
        assert binary_auc(s, y) == pytest.approx(roc_auc_score(y, s), abs=1e-12)


def test_metric_case_aggregation_and_slice_level():
    rng = np.random.default_rng(1)
    n = 300
    case = rng.integers(0, 40, n).astype(str)
    case_y = {c: int(rng.integers(0, 2)) for c in np.unique(case)}
    lesion = rng.integers(-1, 2, n)
    score = rng.integers(0, 10, n) / 10.
    samples = [dict(pred_score=torch.tensor([1 - s, s]), lesion=int(l), case_id=c,
                    case_label=case_y[c]) for s, l, c in zip(score, lesion, case)]
    metric = BinaryAUC()
    metric.process(None, samples[:100])
    metric.process(None, samples[100:])
    out = metric.compute_metrics(metric.results)
    # groupby-max written out (pandas is not installed)
    ids = sorted(set(case))
    case_s = [score[case == c].max() for c in ids]
    assert out['case'] == pytest.approx(100 * roc_auc_score([case_y[c] for c in ids], case_s))
    known = lesion >= 0
    assert out['slice'] == pytest.approx(100 * roc_auc_score(lesion[known], score[known]))


def test_detector_scores_and_single_class():
    samples = [dict(pred_instances=dict(scores=torch.tensor([0.2, 0.9])), lesion=1,
                    case_id='a', case_label=1),
               dict(pred_instances=dict(scores=torch.zeros(0)), lesion=0, case_id='b',
                    case_label=0)]
    metric = BinaryAUC()
    metric.process(None, samples)
    assert metric.compute_metrics(metric.results) == dict(case=100., slice=100.)
    with pytest.warns(UserWarning, match='one class'):
        assert math.isnan(binary_auc([0.1, 0.2], [1, 1]))
