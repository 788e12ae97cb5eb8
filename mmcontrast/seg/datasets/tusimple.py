# Copyright (c) mmcontrast contributors. All rights reserved.
"""TuSimple lane benchmark in its native JSON-lines layout for mmseg."""
import json
import os.path as osp
from typing import List, Sequence, Union

import numpy as np
from mmengine.fileio import get_local_path
from mmseg.datasets import BaseSegDataset
from mmseg.registry import DATASETS

from .checks import CheckedSegDataset


@DATASETS.register_module()
class TuSimpleDataset(CheckedSegDataset, BaseSegDataset):
    """TuSimple lanes as a segmentation of up to ``num_slots`` lane slots.

    Each line of the annotation files is ``{"lanes": [[x, ...], ...],
    "h_samples": [...], "raw_file": "clips/..."}`` with ``-2`` for absent
    points. Lanes are kept in file order (left to right in TuSimple) and
    lane ``k`` becomes class ``k + 1`` when ``LoadLaneAnnotations``
    rasterises them; lanes beyond ``num_slots`` are dropped from the
    segmentation target but kept for :class:`TuSimpleMetric`.

    Args:
        ann_file (str | Sequence[str]): One or several JSON-lines files
            relative to ``data_root`` (``label_data_0313.json`` ...,
            ``test_label.json``).
        num_slots (int): Lane classes. Defaults to 6.
        **kwargs: :class:`mmseg.datasets.BaseSegDataset` arguments.
    """

    METAINFO = dict(
        classes=('background', 'lane1', 'lane2', 'lane3', 'lane4', 'lane5', 'lane6'),
        palette=[[0, 0, 0], [255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 0],
                 [255, 0, 255], [0, 255, 255]])

    def __init__(self, ann_file: Union[str, Sequence[str]] = 'label_data_0313.json',
                 num_slots: int = 6, **kwargs) -> None:
        if num_slots < 1:
            raise ValueError(f'num_slots must be >= 1, got {num_slots}.')
        self.num_slots = num_slots
        self._ann_files = [ann_file] if isinstance(ann_file, str) else list(ann_file)
        kwargs.setdefault('reduce_zero_label', False)
        super().__init__(ann_file='', **kwargs)

    def load_data_list(self) -> List[dict]:
        """Parse every JSON-lines file into data infos."""
        root = self.data_root or ''
        data_list = []
        for ann in self._ann_files:
            records = []
            with get_local_path(osp.join(root, ann)) as path, open(path) as f:
                for lineno, line in enumerate(f, 1):
                    if not line.strip():
                        continue
                    try:
                        rec = json.loads(line)
                        if 'raw_file' not in rec or 'h_samples' not in rec:
                            raise KeyError('needs "raw_file" and "h_samples"')
                        for xs in rec.get('lanes', []):
                            if len(xs) != len(rec['h_samples']):
                                raise ValueError(f'a lane has {len(xs)} x values for '
                                                 f'{len(rec["h_samples"])} h_samples')
                    except (ValueError, KeyError, TypeError) as e:
                        raise ValueError(f'{osp.join(root, ann)}, line {lineno}: not a valid '
                                         f'TuSimple record ({e})') from None
                    records.append(rec)
            for rec in records:
                h = np.asarray(rec['h_samples'], np.float32)
                lanes_x = [list(map(float, xs)) for xs in rec.get('lanes', [])]
                gt_lanes = []
                for xs in lanes_x:
                    xs = np.asarray(xs, np.float32)
                    keep = xs >= 0
                    gt_lanes.append(np.stack([xs[keep], h[keep]], 1))
                data_list.append(dict(
                    img_path=osp.join(root, rec['raw_file']), h_samples=list(rec['h_samples']),
                    tusimple_lanes=lanes_x, gt_lanes=gt_lanes,
                    lane_slots=list(range(1, len(gt_lanes) + 1)),
                    label_map=self.label_map, reduce_zero_label=self.reduce_zero_label,
                    seg_fields=[]))
        return data_list
