# Copyright (c) mmcontrast contributors. All rights reserved.
"""Semantic segmentation dataset with a second, pixel-aligned modality."""
import os.path as osp
from typing import List

from mmseg.datasets import BaseSegDataset
from mmseg.registry import DATASETS

from .checks import CheckedSegDataset


@DATASETS.register_module()
class RGBXDataset(CheckedSegDataset, BaseSegDataset):
    """``BaseSegDataset`` whose samples also carry ``x_path``.

    The X image (depth, thermal, HHA) of a sample has the same relative name
    as its RGB image, under ``data_prefix['x_path']`` and with ``x_suffix``;
    ``LoadRGBXImageFromFile`` reads both. Everything else (``ann_file`` of
    basenames or directory scan, ``metainfo`` class subsets, label maps,
    ``reduce_zero_label``, ``lazy_init``) is mmseg's.

    Args:
        x_suffix (str): Suffix of X images. Defaults to '.png'.
        data_prefix (dict): ``dict(img_path=..., x_path=..., seg_map_path=...)``.
        **kwargs: Arguments of ``mmseg.datasets.BaseSegDataset``.
    """

    def __init__(self, x_suffix: str = '.png',
                 data_prefix: dict = dict(img_path='', x_path='', seg_map_path=''),
                 **kwargs) -> None:
        if 'x_path' not in data_prefix:
            raise ValueError("RGBXDataset data_prefix needs an 'x_path' entry (folder of the "
                             f'depth/thermal images), got {data_prefix}')
        self.x_suffix = x_suffix
        super().__init__(data_prefix=data_prefix, **kwargs)

    def load_data_list(self) -> List[dict]:
        """mmseg's data list with ``x_path`` added to every sample."""
        data_list = super().load_data_list()
        img_dir = self.data_prefix.get('img_path', '')
        x_dir = self.data_prefix['x_path']
        n_suffix = len(self.img_suffix)
        for info in data_list:
            rel = osp.relpath(info['img_path'], img_dir) if img_dir else info['img_path']
            stem = rel[:-n_suffix] if n_suffix else rel
            info['x_path'] = osp.join(x_dir, stem + self.x_suffix)
        return data_list
