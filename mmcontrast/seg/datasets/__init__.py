# Copyright (c) mmcontrast contributors. All rights reserved.
from . import transforms  # noqa: F401
from .checks import CheckedLoadAnnotations, CheckedSegDataset
from .ade20k_full import ADE20KFullDataset
from .culane import CULaneDataset
from .forgery_dataset import ForgeryDataset
from .llrgbd import LLRGBDDataset
from .mfnet import MFNetDataset
from .nyudv2 import NYUDv2Dataset
from .rgbx_dataset import RGBXDataset
from .tusimple import TuSimpleDataset

__all__ = [
    'RGBXDataset', 'LLRGBDDataset', 'MFNetDataset', 'NYUDv2Dataset', 'ADE20KFullDataset',
    'ForgeryDataset', 'CULaneDataset', 'TuSimpleDataset', 'CheckedSegDataset',
    'CheckedLoadAnnotations'
]
