# Copyright (c) mmcontrast contributors. All rights reserved.
from .box_pairs import box_grid_points, box_positive_pairs
from .class_balanced import GroupSample, class_balanced_sample
from .label_utils import downsample_labels, one_hot_ignore
from .per_image import sample_group_indices, sample_two_groups

__all__ = [
    'GroupSample', 'class_balanced_sample', 'downsample_labels', 'one_hot_ignore',
    'box_grid_points', 'box_positive_pairs', 'sample_group_indices', 'sample_two_groups'
]
