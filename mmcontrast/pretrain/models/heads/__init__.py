# Copyright (c) mmcontrast contributors. All rights reserved.
from .cone_head import CoNeHead, smoothed_cross_entropy

__all__ = ['CoNeHead', 'smoothed_cross_entropy']
from .conditional_contrastive_head import ConditionalContrastiveHead  # noqa: E402

__all__ += ['ConditionalContrastiveHead']
