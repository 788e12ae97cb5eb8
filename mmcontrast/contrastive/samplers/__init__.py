# Copyright (c) mmcontrast contributors. All rights reserved.
"""Kept import path: the samplers are miners now (:mod:`mmcontrast.contrastive.miners`).

CLLD (``mmcontrast.pretrain``), the benchmarks and the tests import
``mmcontrast.contrastive.samplers``; new code imports from ``miners``.
"""
from ..miners import (GroupSample, box_grid_points, box_positive_pairs, class_balanced_sample,
                      downsample_labels, one_hot_ignore, sample_group_indices,
                      sample_two_groups)

__all__ = [
    'GroupSample', 'class_balanced_sample', 'downsample_labels', 'one_hot_ignore',
    'box_grid_points', 'box_positive_pairs', 'sample_group_indices', 'sample_two_groups'
]
