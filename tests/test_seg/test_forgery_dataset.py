# Copyright (c) mmcontrast contributors. All rights reserved.
import os.path as osp

import numpy as np
import pytest
from mmengine.registry import init_default_scope

from mmcontrast.seg.datasets import ForgeryDataset

PIPE = [dict(type='LoadImageFromFile'), dict(type='LoadForgeryMask'),
        dict(type='BinarizeMask'), dict(type='ResizeForgery', size=64, gt_ratio=4),
        dict(type='PackSegInputs')]


@pytest.fixture(autouse=True)
def mmseg_scope():
    init_default_scope('mmseg')


def test_folder_layout_with_authentic_images(mini_data_root):
    root = osp.join(mini_data_root, 'forgery')
    ds = ForgeryDataset(data_root=root, data_prefix=dict(img_path='val/images',
                                                         seg_map_path='val/masks'),
                        pipeline=PIPE)
    assert len(ds) == 12 and ds.metainfo['classes'] == ('pristine', 'forged')
    infos = [ds.get_data_info(i) for i in range(len(ds))]
    assert sum(d['seg_map_path'] is None for d in infos) == 3
    sums = []
    for i in range(len(ds)):
        item = ds[i]
        gt = item['data_samples'].gt_sem_seg.data
        assert item['inputs'].shape == (3, 64, 64) and gt.shape == (1, 16, 16)
        assert set(gt.unique().tolist()) <= {0, 1}
        sums.append(int(gt.sum()))
    assert all((s == 0) == (d['seg_map_path'] is None) for s, d in zip(sums, infos))


def test_ann_file_layout(tmp_path, mini_data_root):
    root = osp.join(mini_data_root, 'forgery')
    lines = ['val/images/val_0000.jpg val/masks/val_0000.png', 'val/images/val_0003.jpg',
             'val/images/val_0003.jpg None', '']
    ann = tmp_path / 'list.txt'
    ann.write_text('\n'.join(lines))
    ds = ForgeryDataset(data_root=root, ann_file=str(ann), pipeline=PIPE)
    assert len(ds) == 3
    infos = [ds.get_data_info(i) for i in range(len(ds))]
    assert infos[0]['seg_map_path'].endswith('val_0000.png')
    assert infos[1]['seg_map_path'] is None and infos[2]['seg_map_path'] is None
    assert np.asarray(ds[1]['data_samples'].gt_sem_seg.data).sum() == 0


def test_lazy_init_without_data():
    ds = ForgeryDataset(data_root='/nonexistent', ann_file='list.txt', lazy_init=True)
    assert not ds._fully_initialized
