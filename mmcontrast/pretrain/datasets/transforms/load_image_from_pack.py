# Copyright (c) mmcontrast contributors. All rights reserved.
"""Read pre-decoded images from one ``.npy`` pack (age.md §9: FG-NET LOPO runs 82 short trainings)."""
import json
import os.path as osp
from typing import Optional

import numpy as np
from mmcv.transforms import BaseTransform
from mmpretrain.registry import TRANSFORMS


@TRANSFORMS.register_module()
class LoadImageFromPack(BaseTransform):
    """Drop-in for ``LoadImageFromFile`` reading a row of an (N, H, W, 3) uint8 BGR pack.

    The pack and its index (``{relative image path: row}``) are written by
    ``tools/dataset_converters/face_age_pack.py``; the pack is memory-mapped,
    so decoding is skipped and the OS page cache shares it across folds.

    Args:
        pack_file (str): The ``.npy`` pack.
        index_file (str): The JSON index; keys are image paths relative to
            ``img_dir``.
        img_dir (str): The folder the dataset's ``img_path`` values start with.
    """

    def __init__(self, pack_file: str, index_file: str, img_dir: str):
        self.pack_file, self.index_file, self.img_dir = pack_file, index_file, img_dir
        self._pack: Optional[np.ndarray] = None
        self._index: Optional[dict] = None

    def transform(self, results: dict) -> dict:
        if self._pack is None:
            self._pack = np.load(self.pack_file, mmap_mode='r')
            with open(self.index_file) as f:
                self._index = json.load(f)
        key = osp.relpath(results['img_path'], self.img_dir)
        if key not in self._index:
            raise KeyError(f'{key!r} is not in {self.index_file}; rebuild the pack with '
                           'tools/dataset_converters/face_age_pack.py.')
        img = np.array(self._pack[self._index[key]])
        results['img'] = img
        results['img_shape'] = img.shape[:2]
        results['ori_shape'] = img.shape[:2]
        return results
