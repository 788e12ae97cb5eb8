# Copyright (c) mmcontrast contributors. All rights reserved.
from .loading_rgbx import LoadRGBXImageFromFile  # noqa: E402

__all__ = ['LoadRGBXImageFromFile']
from .load_annotations_u16 import LoadAnnotationsU16  # noqa: E402
__all__ += ['LoadAnnotationsU16']
from .binarize_mask import BinarizeMask  # noqa: E402
from .focal_albu import FOCALAlbu, focal_albu_recipe  # noqa: E402
from .jpeg_compression import RandomJPEGCompression  # noqa: E402
from .load_forgery_mask import LoadForgeryMask  # noqa: E402
from .resize_forgery import ResizeForgery  # noqa: E402
__all__ += ['BinarizeMask', 'FOCALAlbu', 'focal_albu_recipe', 'RandomJPEGCompression',
            'LoadForgeryMask', 'ResizeForgery']
from .load_lane_annotations import LoadLaneAnnotations  # noqa: E402
__all__ += ['LoadLaneAnnotations']
