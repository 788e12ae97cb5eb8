# Copyright (c) mmcontrast contributors. All rights reserved.
from .class_balanced import GroupSample, class_balanced_sample
from .label_utils import downsample_labels, one_hot_ignore

__all__ = ['GroupSample', 'class_balanced_sample', 'downsample_labels', 'one_hot_ignore']
from .box_pairs import box_grid_points, box_positive_pairs  # noqa: E402
__all__ += ['box_grid_points', 'box_positive_pairs']
from .per_image import sample_group_indices, sample_two_groups  # noqa: E402
__all__ += ['sample_group_indices', 'sample_two_groups']
