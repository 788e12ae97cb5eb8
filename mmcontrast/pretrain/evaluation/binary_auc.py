# Copyright (c) mmcontrast contributors. All rights reserved.
"""Binary ROC AUC at slice and case level (DCCL's lesion-detection metric)."""
import warnings
from collections import OrderedDict
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import torch
from mmengine.evaluator import BaseMetric
from scipy.stats import rankdata

from mmcontrast.registry import METRICS


def binary_auc(scores: Sequence[float], labels: Sequence[int]) -> float:
    """ROC AUC as the Mann-Whitney statistic with average ranks for ties.

    Equals ``sklearn.metrics.roc_auc_score(labels, scores)``; NaN (with a
    warning) when only one class is present.

    Args:
        scores (Sequence[float]): (N,) scores, higher = more positive.
        labels (Sequence[int]): (N,) labels in {0, 1}.
    """
    s = np.asarray(scores, dtype=np.float64).reshape(-1)
    y = np.asarray(labels).reshape(-1).astype(np.int64)
    if s.shape != y.shape:
        raise ValueError(f'scores and labels differ in length: {s.shape} vs {y.shape}.')
    if not np.isin(y, (0, 1)).all():
        raise ValueError('binary_auc labels must be 0 or 1.')
    n_pos, n_neg = int(y.sum()), int((1 - y).sum())
    if n_pos == 0 or n_neg == 0:
        warnings.warn('binary_auc: only one class present; AUC is undefined (NaN).')
        return float('nan')
    ranks = rankdata(s)  # average ranks for ties
    return float((ranks[y == 1].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def aggregate_cases(scores: Sequence[float], case_ids: Sequence[str],
                    case_labels: Sequence[int],
                    aggregation: str = 'max') -> Tuple[np.ndarray, np.ndarray]:
    """Per-case score (``max`` or ``mean`` over its slices) and label."""
    if aggregation not in ('max', 'mean'):
        raise ValueError(f"aggregation must be 'max' or 'mean', got {aggregation!r}.")
    groups: Dict[str, List[float]] = OrderedDict()
    lab: Dict[str, int] = {}
    for s, c, y in zip(scores, case_ids, case_labels):
        groups.setdefault(c, []).append(float(s))
        if lab.setdefault(c, int(y)) != int(y):
            raise ValueError(f'case {c!r} has slices with different case labels.')
    fn = np.max if aggregation == 'max' else np.mean
    return (np.array([fn(v) for v in groups.values()]), np.array([lab[c] for c in groups]))


def _score(sample: dict) -> float:
    if 'pred_score' in sample:  # classifier: probability of the positive class
        return float(torch.as_tensor(sample['pred_score']).reshape(-1)[-1])
    if 'pred_instances' in sample:  # detector: max box score, 0 without boxes
        s = torch.as_tensor(sample['pred_instances']['scores'])
        return float(s.max()) if s.numel() else 0.0
    raise KeyError('BinaryAUC needs `pred_score` (classifier) or `pred_instances` (detector).')


@METRICS.register_module()
class BinaryAUC(BaseMetric):
    """Slice- and case-level ROC AUC (DCCL, Ruppli et al., MILLanD 2023).

    Collects (score, slice label, case id, case label) per slice; the case
    score aggregates its slices (``max`` by default) and the case label is
    ``case_label`` (PI-CAI's ``case_csPCa``). The slice AUC uses the slices
    with a known label (``lesion`` >= 0). Registered in the root registry, so
    classifier (mmpretrain) and detector (mmdet) configs both use it.

    Args:
        aggregation (str): 'max' or 'mean'. Defaults to 'max'.
        slice_label_key (str): Slice label field. Defaults to 'lesion'.
        collect_device (str): Defaults to 'cpu'.
        prefix (str, optional): Defaults to None.
    """
    default_prefix = 'auc'

    def __init__(self, aggregation: str = 'max', slice_label_key: str = 'lesion',
                 collect_device: str = 'cpu', prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        if aggregation not in ('max', 'mean'):
            raise ValueError(f"aggregation must be 'max' or 'mean', got {aggregation!r}.")
        self.aggregation, self.slice_label_key = aggregation, slice_label_key

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        for ds in data_samples:
            for key in ('case_id', 'case_label'):
                if key not in ds:
                    raise KeyError(f'BinaryAUC: data sample without `{key}`; add it to the '
                                   "packer's meta_keys.")
            y = ds.get(self.slice_label_key, ds.get('gt_label', -1))
            y = int(torch.as_tensor(y).reshape(-1)[0]) if y is not None else -1
            self.results.append((_score(ds), y, str(ds['case_id']), int(ds['case_label'])))

    def compute_metrics(self, results: list) -> Dict[str, float]:
        s, y, c, cy = zip(*results)
        known = [i for i, v in enumerate(y) if v >= 0]
        slice_auc = binary_auc([s[i] for i in known], [y[i] for i in known]) if known \
            else float('nan')
        cs, cl = aggregate_cases(s, c, cy, self.aggregation)
        return dict(case=100 * binary_auc(cs, cl), slice=100 * slice_auc)
