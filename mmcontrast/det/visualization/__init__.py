# Copyright (c) mmcontrast contributors. All rights reserved.
from .slice_det_visualization_hook import SliceDetVisualizationHook, slice_to_rgb

__all__ = ['SliceDetVisualizationHook', 'slice_to_rgb']
