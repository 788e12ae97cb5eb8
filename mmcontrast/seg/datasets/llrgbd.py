# Copyright (c) mmcontrast contributors. All rights reserved.
"""LLRGBD: low-light indoor RGB-D semantic segmentation."""
from mmseg.registry import DATASETS

from .rgbx_dataset import RGBXDataset


@DATASETS.register_module()
class LLRGBDDataset(RGBXDataset):
    """LLRGBD (LISU, ISPRS 2021, as redistributed with SMMCL).

    Layout: ``LLRGBD/{train,test}/{rgb,depth,label}/<name>.png`` with the
    list files ``train/train.txt`` and ``test/test.txt`` (basenames without
    extension); point ``data_root`` at the split folder. 14 classes with
    ``void`` = 0 as a **trained** class (``reduce_zero_label=False``); 255 is
    the only ignore value. Used by SMMCL (Dong & Yokoya, WACV 2024,
    https://arxiv.org/abs/2308.12320).

    Args:
        **kwargs: Arguments of :class:`RGBXDataset`.
    """
    METAINFO = dict(
        classes=('void', 'bed', 'books', 'ceiling', 'chair', 'floor', 'furniture', 'objects',
                 'painting', 'sofa', 'table', 'tv', 'wall', 'window'),
        palette=[[0, 0, 0], [0, 0, 255], [232, 88, 47], [0, 217, 0], [148, 0, 240],
                 [222, 241, 23], [255, 205, 205], [0, 223, 228], [106, 135, 204],
                 [116, 28, 41], [240, 35, 235], [0, 166, 156], [249, 139, 0], [225, 228, 194]])

    def __init__(self, img_suffix: str = '.png', x_suffix: str = '.png',
                 seg_map_suffix: str = '.png', reduce_zero_label: bool = False,
                 **kwargs) -> None:
        super().__init__(img_suffix=img_suffix, x_suffix=x_suffix,
                         seg_map_suffix=seg_map_suffix,
                         reduce_zero_label=reduce_zero_label, **kwargs)
