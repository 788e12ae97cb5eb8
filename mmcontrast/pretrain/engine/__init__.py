# Copyright (c) mmcontrast contributors. All rights reserved.
"""mmpretrain-side runner parts: hooks for CTP's task starts and CLIP4Cir's feature cache."""
from .cir_feature_cache_hook import CIRFeatureCacheHook
from .hooks import CTPTaskStartHook

__all__ = ['CIRFeatureCacheHook', 'CTPTaskStartHook']
