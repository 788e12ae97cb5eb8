# Copyright (c) mmcontrast contributors. All rights reserved.
"""TuSimple lane accuracy / FP / FN (the official ``LaneEval.bench``)."""
from collections import OrderedDict
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
from mmengine.evaluator import BaseMetric
from mmseg.registry import METRICS

from .lane_decoding import seg_to_lanes


def _angle(xs: np.ndarray, ys: np.ndarray) -> float:
    """Angle of a least-squares line x = k y + c through the valid points."""
    valid = xs >= 0
    if valid.sum() > 1:
        k = np.polyfit(ys[valid], xs[valid], 1)[0]
        return float(np.arctan(k))
    return 0.


def line_accuracy(pred: np.ndarray, gt: np.ndarray, thresh: float) -> float:
    """Fraction of all rows where |x_pred - x_gt| < thresh (absent points = -100 on both)."""
    pred = np.where(pred >= 0, pred, -100.)
    gt = np.where(gt >= 0, gt, -100.)
    return float(np.sum(np.abs(pred - gt) < thresh) / len(gt))


def tusimple_bench(pred: Sequence[Sequence[float]], gt: Sequence[Sequence[float]],
                   y_samples: Sequence[float], pixel_thresh: float = 20.,
                   pt_thresh: float = 0.85) -> Tuple[float, float, float]:
    """Accuracy, FP rate, FN rate of one image, as TuSimple's ``LaneEval.bench``.

    Args:
        pred: Predicted lanes, x per ``y_samples`` row (negative = absent).
        gt: Ground-truth lanes in the same format.
        y_samples: The ``h_samples`` rows.

    Returns:
        tuple: (accuracy, fp, fn) of the image.
    """
    ys = np.asarray(y_samples, np.float64)
    if any(len(p) != len(ys) for p in pred):
        raise ValueError('every predicted lane needs one x per h_sample.')
    if len(gt) + 2 < len(pred):
        return 0., 1., 1.
    threshs = [pixel_thresh / np.cos(_angle(np.asarray(g, np.float64), ys)) for g in gt]
    accs, fn, matched = [], 0., 0.
    for g, th in zip(gt, threshs):
        a = [line_accuracy(np.asarray(p, np.float64), np.asarray(g, np.float64), th)
             for p in pred]
        best = max(a) if a else 0.
        if best < pt_thresh:
            fn += 1
        else:
            matched += 1
        accs.append(best)
    fp = len(pred) - matched
    if len(gt) > 4 and fn > 0:
        fn -= 1
    s = sum(accs)
    if len(gt) > 4:
        s -= min(accs)
    denom = max(min(4., len(gt)), 1.)
    return s / denom, fp / len(pred) if pred else 0., fn / denom


@METRICS.register_module()
class TuSimpleMetric(BaseMetric):
    """TuSimple lane benchmark accuracy (Acc), FP and FN rates, in %.

    Predicted label maps are decoded at the ``h_samples`` rows into one lane
    per slot (mean column of the slot's pixels; -2 where absent) and scored
    against the ``tusimple_lanes`` metainfo with the official rules: 20 px /
    cos θ point threshold, lane matched at ≥ 85 % of its points, the worst
    lane dropped when there are more than 4.

    Args:
        pixel_thresh (float): Defaults to 20.
        pt_thresh (float): Defaults to 0.85.
        min_points (int): Minimum decoded points of a lane. Defaults to 2.
        collect_device (str): Defaults to 'cpu'.
        prefix (str, optional): Metric name prefix.
    """

    def __init__(self, pixel_thresh: float = 20., pt_thresh: float = 0.85, min_points: int = 2,
                 collect_device: str = 'cpu', prefix: Optional[str] = None, **kwargs) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        if pixel_thresh <= 0 or not 0 < pt_thresh <= 1:
            raise ValueError('pixel_thresh must be > 0 and pt_thresh in (0, 1].')
        self.pixel_thresh, self.pt_thresh, self.min_points = pixel_thresh, pt_thresh, min_points

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        """Score each image."""
        for ds in data_samples:
            if 'tusimple_lanes' not in ds or 'h_samples' not in ds:
                raise KeyError("TuSimpleMetric needs `tusimple_lanes` and `h_samples`: add them "
                               'to PackSegInputs(meta_keys=...).')
            seg = ds['pred_sem_seg']['data'][0].cpu().numpy()
            h = np.asarray(ds['h_samples'], np.float64)
            num_classes = len(self.dataset_meta['classes']) if self.dataset_meta else int(
                seg.max()) + 1
            pred = []
            for lane in seg_to_lanes(seg, h, num_classes, self.min_points):
                xs = np.full(len(h), -2.)
                idx = np.searchsorted(h, lane[:, 1])
                xs[idx] = lane[:, 0]
                pred.append(xs)
            self.results.append(tusimple_bench(pred, ds['tusimple_lanes'], h,
                                               self.pixel_thresh, self.pt_thresh))

    def compute_metrics(self, results: List) -> Dict[str, float]:
        """Mean over images."""
        arr = np.asarray(results, np.float64).reshape(-1, 3)
        acc, fp, fn = arr.mean(0) if len(arr) else (0., 0., 0.)
        return OrderedDict(Acc=100 * acc, FP=100 * fp, FN=100 * fn)
