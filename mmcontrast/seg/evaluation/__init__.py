# Copyright (c) mmcontrast contributors. All rights reserved.
from .culane_metric import CULaneMetric, culane_tp_fp_fn
from .forgery_metric import ForgeryPixelMetric, pixel_scores
from .iou_metric_with_exclusion import IoUMetricWithExclusion
from .lane_decoding import seg_to_lanes
from .tusimple_metric import TuSimpleMetric, tusimple_bench

__all__ = [
    'IoUMetricWithExclusion', 'ForgeryPixelMetric', 'pixel_scores', 'CULaneMetric',
    'culane_tp_fp_fn', 'TuSimpleMetric', 'tusimple_bench', 'seg_to_lanes'
]
