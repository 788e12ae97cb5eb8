# Copyright (c) mmcontrast contributors. All rights reserved.
from ..losses.smoothed_cross_entropy import smoothed_cross_entropy
from .age_contrast_head import AgeContrastHead, dex_expectation, regression_loss
from .conditional_contrastive_head import ConditionalContrastiveHead
from .cone_head import CoNeHead

__all__ = [
    'AgeContrastHead', 'CoNeHead', 'ConditionalContrastiveHead', 'dex_expectation',
    'regression_loss', 'smoothed_cross_entropy'
]
