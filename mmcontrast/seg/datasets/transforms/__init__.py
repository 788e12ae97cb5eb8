# Copyright (c) mmcontrast contributors. All rights reserved.
from .loading_rgbx import LoadRGBXImageFromFile  # noqa: E402

__all__ = ['LoadRGBXImageFromFile']
