# Copyright (c) mmcontrast contributors. All rights reserved.
from .dense_projection_neck import DenseProjectionNeck
from .pixel_propagation import PixelPropagation

__all__ = ['DenseProjectionNeck', 'PixelPropagation']
