# Copyright (c) mmcontrast contributors. All rights reserved.
"""Miners: rules that choose which pairs/tuples of a batch a loss sees, and their weights."""
from .age_pairs import age_pair_masks, all_triplets, hardest_triplets
from .confidence_weights import CONFIDENCE_MODES, confidence_kernel, confidence_pair_weights
from .duplicate_targets import duplicate_target_mask

__all__ = [
    'age_pair_masks', 'all_triplets', 'hardest_triplets', 'CONFIDENCE_MODES',
    'confidence_kernel', 'confidence_pair_weights', 'duplicate_target_mask'
]
