# Copyright (c) mmcontrast contributors. All rights reserved.
from .cir_feature_cache_hook import CIRFeatureCacheHook

__all__ = ['CIRFeatureCacheHook']
