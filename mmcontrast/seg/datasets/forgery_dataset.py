# Copyright (c) mmcontrast contributors. All rights reserved.
"""Image forgery localisation datasets (image + binary mask pairs)."""
import os
import os.path as osp
from typing import List, Sequence, Union

import mmengine.fileio as fileio
from mmseg.datasets import BaseSegDataset
from mmseg.registry import DATASETS

from .checks import CheckedSegDataset


@DATASETS.register_module()
class ForgeryDataset(CheckedSegDataset, BaseSegDataset):
    """Forgery localisation set: pristine (0) vs forged (1) pixels.

    Used by FOCAL (Wu et al., arXiv 2308.09307) for training (tampCOCO, CASIA
    v2, IMD2020) and testing (Coverage, Columbia, NIST16, CASIA v1, MISD,
    FF++). Two layouts:

    * folders: ``data_prefix=dict(img_path='images', seg_map_path='masks')``;
      the mask of ``images/x.jpg`` is ``masks/x.png`` (``seg_map_suffix``); an
      image without a mask file is authentic (all-pristine);
    * ``ann_file``: one ``img_path [mask_path]`` per line, relative to
      ``data_root`` (the official lists' format); a line without a mask, or
      with ``None``, is authentic.

    Masks are raw 0/255 images (any channel count, decoded by content): use
    ``LoadForgeryMask`` + ``BinarizeMask`` instead of ``LoadAnnotations``.

    Args:
        img_suffix (str | Sequence[str]): Image extensions of the folder
            layout. Defaults to common image types.
        seg_map_suffix (str): Mask extension. Defaults to '.png'.
        **kwargs: ``BaseSegDataset`` arguments.
    """

    METAINFO = dict(classes=('pristine', 'forged'), palette=[[0, 0, 0], [255, 255, 255]])

    def __init__(self,
                 img_suffix: Union[str, Sequence[str]] = ('.jpg', '.jpeg', '.png', '.tif',
                                                          '.tiff', '.bmp', '.JPG', '.PNG',
                                                          '.TIF'),
                 seg_map_suffix: str = '.png', **kwargs) -> None:
        if isinstance(img_suffix, str):
            img_suffix = (img_suffix, )
        super().__init__(img_suffix=tuple(img_suffix), seg_map_suffix=seg_map_suffix, **kwargs)

    def _item(self, img_path: str, seg_path) -> dict:
        return dict(img_path=img_path, seg_map_path=seg_path, label_map=self.label_map,
                    reduce_zero_label=self.reduce_zero_label, seg_fields=[])

    def load_data_list(self) -> List[dict]:
        """Returns: list of dicts with ``img_path`` and ``seg_map_path`` (None if authentic)."""
        root = self.data_root or ''
        out = []
        if self.ann_file:
            for line in fileio.list_from_file(self.ann_file, backend_args=self.backend_args):
                parts = line.split()
                if not parts:
                    continue
                img = osp.join(root, parts[0])
                seg = osp.join(root, parts[1]) if len(parts) > 1 and parts[1] != 'None' else None
                out.append(self._item(img, seg))
            return out
        img_dir = self.data_prefix.get('img_path', '')
        seg_dir = self.data_prefix.get('seg_map_path', '')
        for name in sorted(os.listdir(img_dir)):
            if not name.endswith(self.img_suffix):
                continue
            stem = osp.splitext(name)[0]
            seg = osp.join(seg_dir, stem + self.seg_map_suffix) if seg_dir else None
            out.append(self._item(osp.join(img_dir, name),
                                  seg if seg and osp.isfile(seg) else None))
        return out
