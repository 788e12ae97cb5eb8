# Copyright (c) mmcontrast contributors. All rights reserved.
"""CULane (Pan et al., "Spatial As Deep", AAAI 2018) in its native layout for mmseg."""
import os
import os.path as osp
from typing import Dict, List

from mmengine.fileio import get_local_path, list_from_file
from mmseg.datasets import BaseSegDataset
from mmseg.registry import DATASETS

from .checks import CheckedSegDataset


@DATASETS.register_module()
class CULaneDataset(CheckedSegDataset, BaseSegDataset):
    """CULane lanes as a 5-class segmentation (background + 4 lane slots).

    Reads a CULane list file: ``list/train_gt.txt`` / ``list/val_gt.txt``
    (``/img.jpg /laneseg_label_w16/....png e1 e2 e3 e4``) or
    ``list/test.txt`` (``/img.jpg``). Every image has a ``.lines.txt`` beside
    it; the lanes are rasterised into slot labels by ``LoadLaneAnnotations``
    (so the test split, which has no PNGs in its list, works the same way),
    and kept as point lists for :class:`CULaneMetric`. Each data info also
    holds ``seg_map_path`` (the ``laneseg_label_w16`` PNG, when listed) for
    users who prefer ``LoadAnnotations``, ``lane_exist`` and, for images in
    ``list/test_split/test*_<category>.txt``, ``category``.

    Args:
        ann_file (str): List file relative to ``data_root``.
        test_split_dir (str): Folder of the per-category lists, relative to
            ``data_root``; missing folders are ignored. Defaults to
            ``'list/test_split'``.
        **kwargs: :class:`mmseg.datasets.BaseSegDataset` arguments.
    """

    METAINFO = dict(
        classes=('background', 'lane1', 'lane2', 'lane3', 'lane4'),
        palette=[[0, 0, 0], [255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 0]])

    def __init__(self, ann_file: str = 'list/train_gt.txt',
                 test_split_dir: str = 'list/test_split', **kwargs) -> None:
        self.test_split_dir = test_split_dir
        kwargs.setdefault('img_suffix', '.jpg')
        kwargs.setdefault('seg_map_suffix', '.png')
        kwargs.setdefault('reduce_zero_label', False)
        super().__init__(ann_file=ann_file, **kwargs)

    def _categories(self) -> Dict[str, str]:
        root = osp.join(self.data_root or '', self.test_split_dir)
        cats: Dict[str, str] = {}
        if not osp.isdir(root):
            return cats
        for name in sorted(os.listdir(root)):
            if not name.endswith('.txt'):
                continue
            cat = osp.splitext(name)[0].split('_', 1)[-1]
            for line in list_from_file(osp.join(root, name)):
                if line.strip():
                    cats[line.strip().lstrip('/')] = cat
        return cats

    def load_data_list(self) -> List[dict]:
        """Parse the list file into data infos."""
        if not self.ann_file:
            raise ValueError('CULaneDataset needs ann_file, e.g. list/train_gt.txt.')
        cats = self._categories()
        root = self.data_root or ''
        data_list = []
        with get_local_path(self.ann_file) as path:
            lines = list_from_file(path)
        for line in lines:
            parts = line.split()
            if not parts:
                continue
            rel = parts[0].lstrip('/')
            img_path = osp.join(root, rel)
            info = dict(img_path=img_path, lanes_path=osp.splitext(img_path)[0] + '.lines.txt',
                        label_map=self.label_map, reduce_zero_label=self.reduce_zero_label,
                        seg_fields=[], category=cats.get(rel, 'all'))
            if len(parts) >= 2:
                info['seg_map_path'] = osp.join(root, parts[1].lstrip('/'))
            if len(parts) >= 6:
                try:
                    info['lane_exist'] = [int(v) for v in parts[2:6]]
                except ValueError:
                    raise ValueError(f'{self.ann_file}: lane-existence flags of {parts[0]} must '
                                     f'be 0/1 integers, got {parts[2:6]}') from None
            data_list.append(info)
        return data_list
