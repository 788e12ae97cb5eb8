# Copyright (c) mmcontrast contributors. All rights reserved.
from .cone_head import CoNeHead, smoothed_cross_entropy

__all__ = ['CoNeHead', 'smoothed_cross_entropy']
from .age_contrast_head import AgeContrastHead, dex_expectation, regression_loss  # noqa: E402

__all__ += ['AgeContrastHead', 'dex_expectation', 'regression_loss']
