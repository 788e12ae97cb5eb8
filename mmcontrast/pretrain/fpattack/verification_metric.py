# Copyright (c) mmcontrast contributors. All rights reserved.
"""Verification metric of the SigNet victim (fpattack.md §5)."""
from typing import Dict, List, Optional, Sequence

import numpy as np
from mmengine.evaluator import BaseMetric
from mmpretrain.registry import METRICS


def roc_from_distances(d: np.ndarray, is_same: np.ndarray):
    """ROC of the score -d (accept when small): ``(fpr, tpr, thresholds)`` as
    ``sklearn.metrics.roc_curve`` (distinct thresholds, no drop of collinear points)."""
    order = np.argsort(d, kind='mergesort')
    ds, ys = d[order], is_same[order].astype(np.float64)
    distinct = np.r_[np.nonzero(np.diff(ds))[0], ds.size - 1]
    tps, fps = np.cumsum(ys)[distinct], np.cumsum(1 - ys)[distinct]
    tpr = np.r_[0, tps] / max(tps[-1], 1e-12)
    fpr = np.r_[0, fps] / max(fps[-1], 1e-12)
    return fpr, tpr, np.r_[-np.inf, ds[distinct]]


def verification_scores(d: np.ndarray, is_same: np.ndarray,
                        threshold: Optional[float] = None) -> Dict[str, float]:
    """accuracy at τ, best balanced accuracy ½(TPR+TNR) over a sweep (its τ),
    EER and ROC-AUC. With ``threshold=None`` τ is the sweep's best (validation).
    Accept iff d < τ."""
    d, y = np.asarray(d, np.float64), np.asarray(is_same).astype(np.int64)
    if d.size == 0 or y.min() == y.max():
        raise ValueError('VerificationMetric needs both genuine and forged pairs.')
    fpr, tpr, _ = roc_from_distances(d, y)
    auc = float(np.trapz(tpr, fpr))
    fnr = 1 - tpr
    k = int(np.argmin(np.abs(fnr - fpr)))
    eer = float((fnr[k] + fpr[k]) / 2)
    u = np.unique(d)
    cands = np.r_[u[0] - 1e-6, (u[:-1] + u[1:]) / 2, u[-1] + 1e-6]
    acc = (d[None] < cands[:, None])
    bal = 0.5 * ((acc & (y[None] == 1)).sum(1) / (y == 1).sum() +
                 (~acc & (y[None] == 0)).sum(1) / (y == 0).sum())
    b = int(np.argmax(bal))
    tau = float(cands[b]) if threshold is None else float(threshold)
    return dict(accuracy=float(((d < tau) == (y == 1)).mean()) * 100,
                best_balanced_accuracy=float(bal[b]) * 100, best_threshold=float(cands[b]),
                threshold=tau, eer=eer * 100, auc=auc * 100)


@METRICS.register_module()
class VerificationMetric(BaseMetric):
    """Accuracy at τ, best balanced accuracy, EER and ROC-AUC (in %).

    Args:
        threshold (float, optional): τ. None (validation writers): τ is the
            best balanced-accuracy threshold of this set, reported as
            ``threshold`` to be written to the attack config.
    """
    default_prefix = 'verification'

    def __init__(self, threshold: Optional[float] = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.threshold = threshold

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        self.results.extend((s['distance'], s['is_same']) for s in data_samples)

    def compute_metrics(self, results: List) -> Dict[str, float]:
        d, y = np.array([r[0] for r in results]), np.array([r[1] for r in results])
        return verification_scores(d, y, self.threshold)
