# Copyright (c) mmcontrast contributors. All rights reserved.
from .binarize_mask import BinarizeMask
from .focal_albu import FOCALAlbu, focal_albu_recipe
from .jpeg_compression import RandomJPEGCompression
from .load_annotations_u16 import LoadAnnotationsU16
from .load_forgery_mask import LoadForgeryMask
from .load_lane_annotations import LoadLaneAnnotations
from .loading_rgbx import LoadRGBXImageFromFile
from .resize_forgery import ResizeForgery

__all__ = [
    'LoadRGBXImageFromFile', 'LoadAnnotationsU16', 'BinarizeMask', 'FOCALAlbu',
    'focal_albu_recipe', 'RandomJPEGCompression', 'LoadForgeryMask', 'ResizeForgery',
    'LoadLaneAnnotations'
]
