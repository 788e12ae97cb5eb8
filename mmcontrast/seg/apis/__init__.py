# Copyright (c) mmcontrast contributors. All rights reserved.
from .rgbx_inferencer import RGBXInferencer, RGBXInferencerLoader

__all__ = ['RGBXInferencer', 'RGBXInferencerLoader']
