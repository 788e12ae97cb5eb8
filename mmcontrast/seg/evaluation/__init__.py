# Copyright (c) mmcontrast contributors. All rights reserved.
from .iou_metric_with_exclusion import IoUMetricWithExclusion  # noqa: E402

__all__ = ['IoUMetricWithExclusion']
from .forgery_metric import ForgeryPixelMetric, pixel_scores  # noqa: E402
__all__ += ['ForgeryPixelMetric', 'pixel_scores']
from .culane_metric import CULaneMetric, culane_tp_fp_fn  # noqa: E402
__all__ += ['CULaneMetric', 'culane_tp_fp_fn']
from .tusimple_metric import TuSimpleMetric, tusimple_bench  # noqa: E402
__all__ += ['TuSimpleMetric', 'tusimple_bench']
from .lane_decoding import seg_to_lanes  # noqa: E402
__all__ += ['seg_to_lanes']
