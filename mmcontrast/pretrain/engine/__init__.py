# Copyright (c) mmcontrast contributors. All rights reserved.
"""mmpretrain-side runner parts: hooks for CTP's task starts, CLIP4Cir's feature cache and
Age's pictures."""
from .cir_feature_cache_hook import CIRFeatureCacheHook
from .hooks import AgeVisualizationHook, CTPTaskStartHook

__all__ = ['AgeVisualizationHook', 'CIRFeatureCacheHook', 'CTPTaskStartHook']
