# Copyright (c) mmcontrast contributors. All rights reserved.
from . import transforms  # noqa: F401
from .llrgbd import LLRGBDDataset  # noqa: E402
from .mfnet import MFNetDataset  # noqa: E402
from .nyudv2 import NYUDv2Dataset  # noqa: E402
from .rgbx_dataset import RGBXDataset  # noqa: E402

__all__ = ['RGBXDataset', 'LLRGBDDataset', 'MFNetDataset', 'NYUDv2Dataset']
from .ade20k_full import ADE20KFullDataset  # noqa: E402
__all__ += ['ADE20KFullDataset']
from .forgery_dataset import ForgeryDataset  # noqa: E402
__all__ += ['ForgeryDataset']
from .culane import CULaneDataset  # noqa: E402
__all__ += ['CULaneDataset']
from .tusimple import TuSimpleDataset  # noqa: E402
__all__ += ['TuSimpleDataset']
