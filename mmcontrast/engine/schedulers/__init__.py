# Copyright (c) mmcontrast contributors. All rights reserved.
from .compounding_cosine_lr import CompoundingCosineLR, CompoundingCosineParamScheduler

__all__ = ['CompoundingCosineLR', 'CompoundingCosineParamScheduler']
