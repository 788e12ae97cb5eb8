# Copyright (c) mmcontrast contributors. All rights reserved.
from .smoothed_cross_entropy import SmoothedCrossEntropyLoss, smoothed_cross_entropy

__all__ = ['SmoothedCrossEntropyLoss', 'smoothed_cross_entropy']
