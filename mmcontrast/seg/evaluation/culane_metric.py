# Copyright (c) mmcontrast contributors. All rights reserved.
"""CULane F1: lanes drawn 30 px wide, IoU > 0.5 after Hungarian matching."""
from collections import OrderedDict, defaultdict
from typing import Dict, List, Optional, Sequence, Tuple

import cv2
import numpy as np
from mmengine.evaluator import BaseMetric
from mmseg.registry import METRICS
from scipy.optimize import linear_sum_assignment

from .lane_decoding import seg_to_lanes


def interp_lane(points: np.ndarray, n: int = 50) -> np.ndarray:
    """Spline-interpolate a lane (degree ``min(3, N-1)``, no smoothing), ``n`` points per gap.

    As the CULane evaluator (and CLRNet's Python port): the lane is drawn
    through a dense interpolation of its points, not its raw samples.
    """
    from scipy.interpolate import splev, splprep
    pts = np.asarray(points, np.float64)
    if len(pts) < 2:
        return pts
    # drop consecutive duplicates, which splprep rejects
    keep = np.r_[True, np.any(np.diff(pts, axis=0) != 0, axis=1)]
    pts = pts[keep]
    if len(pts) < 2:
        return pts
    k = min(3, len(pts) - 1)
    tck, _ = splprep([pts[:, 0], pts[:, 1]], s=0, t=n, k=k)
    u = np.linspace(0., 1., num=(len(pts) - 1) * n + 1)
    return np.stack(splev(u, tck), axis=-1)


def draw_lane(points: np.ndarray, shape: Tuple[int, int], width: int = 30,
              spline: bool = True) -> np.ndarray:
    """Boolean (H, W) mask of a lane drawn as a ``width``-px polyline."""
    mask = np.zeros(shape, np.uint8)
    pts = interp_lane(points) if spline else np.asarray(points, np.float64)
    pts = np.round(pts).astype(np.int32)
    for p, q in zip(pts[:-1], pts[1:]):
        cv2.line(mask, tuple(int(v) for v in p), tuple(int(v) for v in q), 1, width)
    return mask.astype(bool)


def lane_ious(pred: Sequence[np.ndarray], gt: Sequence[np.ndarray], shape: Tuple[int, int],
              width: int = 30, spline: bool = True) -> np.ndarray:
    """(P, G) IoU of every predicted and ground-truth lane mask."""
    pm = [draw_lane(p, shape, width, spline) for p in pred]
    gm = [draw_lane(g, shape, width, spline) for g in gt]
    ious = np.zeros((len(pm), len(gm)))
    for i, a in enumerate(pm):
        for j, b in enumerate(gm):
            union = np.logical_or(a, b).sum()
            ious[i, j] = np.logical_and(a, b).sum() / union if union else 0.
    return ious


def culane_tp_fp_fn(pred: Sequence[np.ndarray], gt: Sequence[np.ndarray],
                    shape: Tuple[int, int] = (590, 1640), width: int = 30,
                    iou_thr: float = 0.5, spline: bool = True) -> Tuple[int, int, int]:
    """TP, FP, FN of one image: one-to-one Hungarian matching on IoU.

    A matched pair counts as TP when its IoU is strictly above ``iou_thr``
    (CLRNet's Python evaluator; the spec notes that implementations differ).
    """
    if len(pred) == 0 or len(gt) == 0:
        return 0, len(pred), len(gt)
    ious = lane_ious(pred, gt, shape, width, spline)
    rows, cols = linear_sum_assignment(1 - ious)
    tp = int((ious[rows, cols] > iou_thr).sum())
    return tp, len(pred) - tp, len(gt) - tp


def f1_from_counts(tp: int, fp: int, fn: int) -> Tuple[float, float, float]:
    """Precision, recall and F1 (0 when undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.
    r = tp / (tp + fn) if tp + fn else 0.
    f = 2 * p * r / (p + r) if p + r else 0.
    return p, r, f


@METRICS.register_module()
class CULaneMetric(BaseMetric):
    """CULane lane F1 (Pan et al., AAAI 2018) for lane-slot segmentation models.

    The predicted label map (at the original resolution) is decoded into one
    lane per slot (mean column of the slot's pixels every ``row_step`` rows,
    bottom-up); predictions and ground-truth lanes (``gt_lanes`` in the data
    sample's metainfo) are drawn ``lane_width`` px wide after spline
    interpolation, matched one-to-one by the Hungarian algorithm on IoU and
    counted as TP when IoU > ``iou_thr``. Counts are accumulated over the
    split: P = TP/(TP+FP), R = TP/(TP+FN), F1 = 2PR/(P+R), reported in %.
    With ``category`` metainfo (``list/test_split``) the per-category F1 is
    reported too, and FP only for ``cross``.

    Args:
        lane_width (int): Drawing width on the original canvas. Defaults to 30.
        iou_thr (float): IoU threshold. Defaults to 0.5.
        row_step (int): Decoding row step in pixels. Defaults to 10.
        min_points (int): Minimum decoded points of a lane. Defaults to 2.
        spline (bool): Spline-interpolate lanes before drawing. Defaults to True.
        collect_device (str): Defaults to 'cpu'.
        prefix (str, optional): Metric name prefix.
    """

    def __init__(self, lane_width: int = 30, iou_thr: float = 0.5, row_step: int = 10,
                 min_points: int = 2, spline: bool = True, collect_device: str = 'cpu',
                 prefix: Optional[str] = None, **kwargs) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        if lane_width < 1 or row_step < 1:
            raise ValueError('lane_width and row_step must be >= 1.')
        if not 0 <= iou_thr < 1:
            raise ValueError(f'iou_thr must lie in [0, 1), got {iou_thr}.')
        self.lane_width, self.iou_thr, self.row_step = lane_width, iou_thr, row_step
        self.min_points, self.spline = min_points, spline

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        """Decode each prediction and count its TP/FP/FN right away."""
        for ds in data_samples:
            seg = ds['pred_sem_seg']['data'][0].cpu().numpy()
            H, W = seg.shape
            num_classes = len(self.dataset_meta['classes']) if self.dataset_meta else int(
                seg.max()) + 1
            rows = np.arange(H - 1, -1, -self.row_step)
            pred = seg_to_lanes(seg, rows, num_classes, self.min_points)
            if 'gt_lanes' not in ds:
                raise KeyError("CULaneMetric needs `gt_lanes`: add LoadLaneAnnotations to the "
                               "test pipeline and 'gt_lanes' to PackSegInputs(meta_keys=...).")
            gt = ds['gt_lanes']
            self.results.append((culane_tp_fp_fn(pred, gt, (H, W), self.lane_width,
                                                 self.iou_thr, self.spline),
                                 ds.get('category', 'all')))

    def compute_metrics(self, results: List) -> Dict[str, float]:
        """Accumulate counts over the split (and per category)."""
        tot = np.zeros(3, np.int64)
        per_cat: Dict[str, np.ndarray] = defaultdict(lambda: np.zeros(3, np.int64))
        for counts, cat in results:
            tot += counts
            per_cat[cat] += counts
        p, r, f = f1_from_counts(*tot)
        out = OrderedDict(Precision=100 * p, Recall=100 * r, F1=100 * f,
                          TP=float(tot[0]), FP=float(tot[1]), FN=float(tot[2]))
        for cat in sorted(per_cat):
            if cat == 'all':
                continue
            if cat == 'cross':
                out['cross_FP'] = float(per_cat[cat][1])
            else:
                out[f'{cat}_F1'] = 100 * f1_from_counts(*per_cat[cat])[2]
        return out
