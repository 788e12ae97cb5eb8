# Copyright (c) mmcontrast contributors. All rights reserved.
from .loading_rgbx import LoadRGBXImageFromFile  # noqa: E402

__all__ = ['LoadRGBXImageFromFile']
from .load_annotations_u16 import LoadAnnotationsU16  # noqa: E402
__all__ += ['LoadAnnotationsU16']
