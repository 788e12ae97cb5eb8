# Copyright (c) mmcontrast contributors. All rights reserved.
import os.path as osp

import numpy as np
from mmengine.registry import init_default_scope
from mmseg.registry import DATASETS

import mmcontrast.seg  # noqa: F401


def test_tusimple_json_lines(mini_data_root):
    init_default_scope('mmseg')
    root = osp.join(mini_data_root, 'tusimple')
    ds = DATASETS.build(dict(
        type='TuSimpleDataset', data_root=root,
        ann_file=['label_data_0313.json', 'label_data_0531.json', 'label_data_0601.json'],
        pipeline=[dict(type='LoadImageFromFile'),
                  dict(type='LoadLaneAnnotations', width=16, num_slots=6)]))
    assert len(ds) == 18
    item = ds[0]
    assert item['img'].shape == (720, 1280, 3)
    n = len(item['tusimple_lanes'])
    assert n == len(item['gt_lanes']) and set(np.unique(item['gt_seg_map'])) == set(
        range(n + 1))
    for xs, pts in zip(item['tusimple_lanes'], item['gt_lanes']):
        assert len(xs) == len(item['h_samples']) == 56
        assert len(pts) == sum(x >= 0 for x in xs)
    test = DATASETS.build(dict(type='TuSimpleDataset', data_root=root,
                               ann_file='test_label.json', lazy_init=True))
    test.full_init()
    assert len(test) == 8
