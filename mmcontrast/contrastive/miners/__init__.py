# Copyright (c) mmcontrast contributors. All rights reserved.
"""Miners: rules that choose which pairs, tuples or samples of a batch a loss sees.

* ``age_pairs``: same-age/different-subject positives and same-subject/
  different-age negatives with a validity mask, batch-all/batch-hard triplets (Age);
* ``duplicate_targets``: false-negative columns sharing the row's target id (CLIP4Cir);
* ``confidence_weights``: DCCL's label/confidence pair weights;
* ``class_positives``: valid labelled anchors/keys and same-label positive counts
  (SupCon, SMMCL);
* ``class_balanced``: (image, class) groups with V views each (SMMCL);
* ``per_image``: capped per-image draws of two pixel groups (FOCAL);
* ``box_pairs``: positive cell pairs of two crops' boxes (CLLD);
* ``label_utils``: nearest label downsampling and one-hot with an ignore index.
"""
from .age_pairs import age_pair_masks, all_triplets, hardest_triplets
from .box_pairs import box_grid_points, box_positive_pairs
from .class_balanced import GroupSample, class_balanced_sample
from .class_positives import (ClassPositives, LabelledPairs, class_positives,
                              drop_ignored_pairs)
from .confidence_weights import CONFIDENCE_MODES, confidence_kernel, confidence_pair_weights
from .duplicate_targets import duplicate_target_mask
from .label_utils import downsample_labels, one_hot_ignore
from .per_image import sample_group_indices, sample_two_groups

__all__ = [
    'age_pair_masks', 'all_triplets', 'hardest_triplets', 'CONFIDENCE_MODES',
    'confidence_kernel', 'confidence_pair_weights', 'duplicate_target_mask', 'GroupSample',
    'class_balanced_sample', 'ClassPositives', 'LabelledPairs', 'class_positives',
    'drop_ignored_pairs', 'box_grid_points', 'box_positive_pairs', 'downsample_labels',
    'one_hot_ignore', 'sample_group_indices', 'sample_two_groups'
]
