# Copyright (c) mmcontrast contributors. All rights reserved.
"""Input validation shared by the mmcontrast segmentation datasets and loaders.

A bad file should fail at the file, with its name, not as a shape error deep
in a loss or as a silently wrong metric:

* :class:`CheckedSegDataset` (mixin of every mmcontrast seg dataset): an empty
  annotation list raises naming ``ann_file``/``data_prefix``; each sample
  carries ``num_classes``/``ignore_index`` so the loaders can range-check labels.
* :class:`CheckedLoadAnnotations`, registered in mmseg's ``TRANSFORMS`` as
  ``LoadAnnotations`` (``force=True``, at ``import mmcontrast.seg``): mmseg's
  loader, plus an error naming the file for an unreadable map, a map whose
  size differs from the image, and label ids >= ``num_classes`` (other than
  ``ignore_index``) where the dataset states ``num_classes``.
"""
from typing import List, Optional

import numpy as np
from mmseg.datasets.transforms import LoadAnnotations as _MMSegLoadAnnotations
from mmseg.registry import TRANSFORMS


class CheckedSegDataset:
    """Mixin for ``BaseSegDataset`` subclasses: reject an empty list, tag samples."""

    def filter_data(self) -> List[dict]:
        """mmengine's ``filter_data`` (runs right after ``load_data_list``) + the checks."""
        data_list = super().filter_data()  # type: ignore[misc]
        if not data_list:
            raise ValueError(
                f'{type(self).__name__}: no samples found (data_root={self.data_root!r}, '
                f'ann_file={self.ann_file!r}, data_prefix={self.data_prefix}). Check that '
                'the annotation list is not empty and the paths point at the prepared data '
                '(docs/data_preparation.md).')
        num_classes = len(self.metainfo.get('classes', ()) or ())
        ignore_index = getattr(self, 'ignore_index', 255)
        for info in data_list:
            if num_classes:
                info.setdefault('num_classes', num_classes)
            info.setdefault('ignore_index', ignore_index)
        return data_list


def check_seg_map(results: dict, seg: np.ndarray, path: Optional[str]) -> None:
    """Raise if ``seg`` does not fit the loaded image or has out-of-range labels.

    Args:
        results (dict): Pipeline results (``img`` or ``ori_shape``, ``img_path``,
            optional ``num_classes``/``ignore_index``).
        seg (np.ndarray): (H, W) label map after ``reduce_zero_label``/``label_map``.
        path (str, optional): The annotation file, for the message.
    """
    # The image as loaded (``ori_shape``): test pipelines resize the image before
    # loading the annotation, which stays at the original size for the metric.
    img = results.get('img')
    shape = results.get('ori_shape', None if img is None else img.shape[:2])
    if shape is not None and tuple(seg.shape[:2]) != tuple(shape[:2]):
        raise ValueError(
            f'annotation {path} is {tuple(seg.shape[:2])} (H, W) but image '
            f'{results.get("img_path")} is {tuple(shape[:2])}: a mask must be aligned '
            'pixel for pixel with its image.')
    num_classes = results.get('num_classes')
    if num_classes:
        ignore = results.get('ignore_index', 255)
        ids = np.unique(seg)
        bad = ids[(ids >= num_classes) & (ids != ignore)]
        if bad.size:
            raise ValueError(
                f'annotation {path} has label id(s) {bad.tolist()[:10]} >= num_classes '
                f'({num_classes}) that are not ignore_index ({ignore}). Check '
                'reduce_zero_label, the label_map/classes subset, or the file.')


@TRANSFORMS.register_module(name='LoadAnnotations', force=True)
class CheckedLoadAnnotations(_MMSegLoadAnnotations):
    """mmseg ``LoadAnnotations`` that names the file when a map is unreadable,
    misaligned with its image, or has label ids >= ``num_classes``.

    Registered under mmseg's name (``force=True``) so every config gets the
    checks without edits; arguments and outputs are mmseg's.
    """

    def _load_seg_map(self, results: dict) -> None:
        path = results.get('seg_map_path')
        try:
            super()._load_seg_map(results)
        except Exception as e:  # mmseg calls .squeeze() on None for a corrupt file
            raise ValueError(f'cannot read annotation {path}: the file is missing, empty or '
                             f'corrupt ({type(e).__name__}: {e})') from e
        check_seg_map(results, results['gt_seg_map'], path)
