# Copyright (c) mmcontrast contributors. All rights reserved.
from .iou_metric_with_exclusion import IoUMetricWithExclusion  # noqa: E402

__all__ = ['IoUMetricWithExclusion']
