# Copyright (c) mmcontrast contributors. All rights reserved.
from ..losses.smoothed_cross_entropy import smoothed_cross_entropy
from .cone_head import CoNeHead

__all__ = ['CoNeHead', 'smoothed_cross_entropy']
