# Copyright (c) mmcontrast contributors. All rights reserved.
import os.path as osp

import numpy as np
from mmengine.registry import init_default_scope
from mmseg.registry import DATASETS, TRANSFORMS

import mmcontrast.seg  # noqa: F401
from mmcontrast.seg.datasets.transforms.load_lane_annotations import (assign_slots,
                                                                      read_culane_lines)


def test_culane_lists_lanes_and_labels(mini_data_root):
    init_default_scope('mmseg')
    root = osp.join(mini_data_root, 'culane')
    pipeline = [dict(type='LoadImageFromFile'), dict(type='LoadLaneAnnotations', width=16)]
    train = DATASETS.build(dict(type='CULaneDataset', data_root=root,
                                ann_file='list/train_gt.txt', pipeline=pipeline))
    assert len(train) == 40
    item = train[0]
    assert item['img'].shape == (590, 1640, 3)
    # rasterised .lines.txt == the laneseg_label_w16 PNG of the list, up to line ends
    import mmcv
    png = mmcv.imread(item['seg_map_path'], flag='unchanged')
    seg = item['gt_seg_map']
    agree = ((seg > 0) == (png > 0)).mean()
    assert agree > 0.99 and set(np.unique(seg)) == set(np.unique(png))
    assert sum(item['lane_exist']) == len(item['gt_lanes'])
    test = DATASETS.build(dict(type='CULaneDataset', data_root=root, ann_file='list/test.txt',
                               pipeline=pipeline))
    assert len(test) == 18
    cats = {test.get_data_info(i)['category'] for i in range(len(test))}
    assert {'normal', 'night', 'curve', 'cross'} <= cats
    assert 'seg_map_path' not in test.get_data_info(0)


def test_slot_assignment_and_lines_reader(tmp_path):
    lanes = [np.array([[100., 590.], [400., 300.]]), np.array([[700., 590.], [800., 300.]]),
             np.array([[1000., 590.], [850., 300.]])]
    assert assign_slots(lanes, 1640) == [1, 2, 3]
    assert assign_slots(lanes, 1640, lane_exist=[0, 1, 1, 1]) == [2, 3, 4]
    p = tmp_path / 'a.lines.txt'
    p.write_text('1.5 590 2.5 580 \n10 590 11 580 12 570\n')
    out = read_culane_lines(str(p))
    assert len(out) == 2 and out[1].shape == (3, 2) and out[0][0, 0] == 1.5
    t = TRANSFORMS.build(dict(type='LoadLaneAnnotations', width=3))
    r = t(dict(img_shape=(600, 1200), gt_lanes=lanes))
    # width 1200: only the first lane is left of the centre -> slots 2, 3, 4
    assert r['gt_seg_map'][589, 100] == 2 and r['gt_seg_map'][589, 1000] == 4
