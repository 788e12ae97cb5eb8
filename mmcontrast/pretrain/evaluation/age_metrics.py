# Copyright (c) mmcontrast contributors. All rights reserved.
"""Age metrics: MAE and cumulative score CS(theta) (age.md §6), pooled or per fold."""
import json
import os
import os.path as osp
from typing import Dict, List, Optional, Sequence

import numpy as np
from mmengine.evaluator import BaseMetric
from mmpretrain.registry import METRICS


def mean_absolute_error(pred: np.ndarray, gt: np.ndarray, round_pred: bool = False) -> float:
    """MAE in years of the continuous (or rounded) predictions."""
    pred, gt = np.asarray(pred, np.float64), np.asarray(gt, np.float64)
    if pred.shape != gt.shape or pred.size == 0:
        raise ValueError(f'pred {pred.shape} and gt {gt.shape} must be equal and non-empty.')
    if round_pred:
        pred = np.round(pred)
    return float(np.abs(pred - gt).mean())


def cumulative_score(pred: np.ndarray, gt: np.ndarray, thetas: Sequence[float] = (5, ),
                     round_pred: bool = False) -> np.ndarray:
    """CS(theta) = 100 * #{|y_hat - y| <= theta} / N (ties at theta count)."""
    pred, gt = np.asarray(pred, np.float64), np.asarray(gt, np.float64)
    if round_pred:
        pred = np.round(pred)
    err = np.abs(pred - gt)
    return np.array([100.0 * float((err <= t).mean()) for t in thetas])


def pooled_and_per_fold_mae(folds: Sequence[Dict[str, Sequence[float]]]) -> Dict[str, float]:
    """FG-NET pooling: MAE over all predictions vs the mean of per-fold MAEs.

    Args:
        folds: one ``{'pred': [...], 'gt': [...]}`` per fold.

    Returns:
        dict: ``pooled_mae`` (the protocol's number) and ``per_fold_mae``
        (differs whenever folds have unequal sizes).
    """
    pred = np.concatenate([np.asarray(f['pred'], np.float64) for f in folds])
    gt = np.concatenate([np.asarray(f['gt'], np.float64) for f in folds])
    per = [mean_absolute_error(f['pred'], f['gt']) for f in folds]
    return dict(pooled_mae=mean_absolute_error(pred, gt), per_fold_mae=float(np.mean(per)))


class _AgeMetricBase(BaseMetric):

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        for ds in data_samples:
            if 'pred_age' not in ds or 'gt_age' not in ds:
                raise KeyError('Age metrics need `pred_age` (AgeEstimator.predict) and '
                               "`gt_age` (PackInputs(algorithm_keys=('gt_age', "
                               "'subject_id'))) in every data sample.")
            self.results.append(dict(pred=float(ds['pred_age']), gt=float(ds['gt_age']),
                                     subject_id=int(ds.get('subject_id', -1)),
                                     img_path=ds.get('img_path', '')))


@METRICS.register_module()
class AgeMAE(_AgeMetricBase):
    """Mean absolute error in years of ``pred_age`` (continuous by default).

    Args:
        round_pred (bool): Round predictions first. Defaults to False.
        dump_file (str, optional): Write the per-image predictions (JSON list
            of ``{pred, gt, subject_id, img_path}``) here, e.g. for LOPO
            pooling by ``tools/age_lopo.py``. Defaults to None.
        collect_device, prefix: as ``BaseMetric`` (prefix defaults to 'age').
    """
    default_prefix = 'age'

    def __init__(self, round_pred: bool = False, dump_file: Optional[str] = None,
                 collect_device: str = 'cpu', prefix: Optional[str] = None):
        super().__init__(collect_device=collect_device, prefix=prefix)
        self.round_pred, self.dump_file = round_pred, dump_file

    def compute_metrics(self, results: List[dict]) -> Dict[str, float]:
        if self.dump_file:
            os.makedirs(osp.dirname(osp.abspath(self.dump_file)), exist_ok=True)
            with open(self.dump_file, 'w') as f:
                json.dump(results, f)
        pred = np.array([r['pred'] for r in results])
        gt = np.array([r['gt'] for r in results])
        return dict(mae=mean_absolute_error(pred, gt, self.round_pred))


@METRICS.register_module()
class CumulativeScore(_AgeMetricBase):
    """CS(theta) in %; ``thetas`` also give the curve (``cs@0 .. cs@10``).

    Args:
        thetas (Sequence[float]): Thresholds in years. Defaults to 0..10.
        round_pred (bool): Round predictions first. Defaults to False.
    """
    default_prefix = 'age'

    def __init__(self, thetas: Sequence[float] = tuple(range(11)), round_pred: bool = False,
                 collect_device: str = 'cpu', prefix: Optional[str] = None):
        super().__init__(collect_device=collect_device, prefix=prefix)
        self.thetas, self.round_pred = tuple(thetas), round_pred

    def compute_metrics(self, results: List[dict]) -> Dict[str, float]:
        pred = np.array([r['pred'] for r in results])
        gt = np.array([r['gt'] for r in results])
        cs = cumulative_score(pred, gt, self.thetas, self.round_pred)
        return {f'cs@{t:g}': float(v) for t, v in zip(self.thetas, cs)}
