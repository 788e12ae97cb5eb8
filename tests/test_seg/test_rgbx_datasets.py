# Copyright (c) mmcontrast contributors. All rights reserved.
"""RGBXDataset and the LLRGBD / MFNet / NYUDv2 classes, and the MFNet converter."""
import os.path as osp
import subprocess
import sys

import cv2
import numpy as np
import pytest

import mmcontrast.seg  # noqa: F401
from mmcontrast.mini_datasets.llrgbd import MINI_LLRGBD_CLASSES
from mmengine.registry import init_default_scope
from mmseg.registry import DATASETS


def test_llrgbd_on_the_mini_set(mini_data_root):
    init_default_scope('mmseg')
    root = osp.join(mini_data_root, 'llrgbd/LLRGBD/train')
    pipeline = [dict(type='LoadRGBXImageFromFile'), dict(type='LoadAnnotations'),
                dict(type='PackSegInputs')]
    ds = DATASETS.build(dict(type='LLRGBDDataset', data_root=root, ann_file='train.txt',
                             data_prefix=dict(img_path='rgb', x_path='depth', seg_map_path='label'),
                             pipeline=pipeline))
    assert len(ds) == 16
    assert len(ds.metainfo['classes']) == 14 and ds.metainfo['classes'][0] == 'void'
    info = ds.get_data_info(0)
    assert info['x_path'] == info['img_path'].replace('/rgb/', '/depth/')
    assert osp.isfile(info['x_path']) and not ds.reduce_zero_label
    item = ds[0]
    assert item['inputs'].shape[0] == 6
    seg = item['data_samples'].gt_sem_seg.data
    assert set(seg.unique().tolist()) <= {0, 5, 6, 7, 12}          # void is a real class

    sub = DATASETS.build(dict(type='LLRGBDDataset', data_root=root, ann_file='train.txt',
                              metainfo=dict(classes=MINI_LLRGBD_CLASSES),
                              data_prefix=dict(img_path='rgb', x_path='depth',
                                               seg_map_path='label'),
                              pipeline=pipeline))
    seg = sub[0]['data_samples'].gt_sem_seg.data
    assert set(seg.unique().tolist()) <= {0, 1, 2, 3, 4}


def test_missing_x_path_fails():
    with pytest.raises(ValueError, match='x_path'):
        DATASETS.build(dict(type='LLRGBDDataset', data_root='nowhere', lazy_init=True,
                            data_prefix=dict(img_path='rgb', seg_map_path='label')))


def _fake_mfnet(root, names):
    for sub in ('images', 'labels'):
        (root / sub).mkdir(parents=True)
    rng = np.random.default_rng(0)
    for n in names:
        cv2.imwrite(str(root / 'images' / f'{n}.png'),
                    rng.integers(0, 255, (8, 12, 4), dtype=np.uint8))
        cv2.imwrite(str(root / 'labels' / f'{n}.png'),
                    rng.integers(0, 9, (8, 12), dtype=np.uint8))
    for split, sel in (('train', names[:2]), ('val', names[2:3]), ('test', names[3:])):
        (root / f'{split}.txt').write_text('\n'.join(sel) + '\n')


def test_mfnet_converter_and_dataset(tmp_path, repo_root):
    src, out = tmp_path / 'ir_seg_dataset', tmp_path / 'MFNet'
    names = ['00001D', '00002N', '00003D', '00004N']
    _fake_mfnet(src, names)
    subprocess.run([sys.executable, 'tools/dataset_converters/mfnet.py', str(src), '-o', str(out)],
                   cwd=repo_root, check=True, capture_output=True)
    rgbt = cv2.imread(str(src / 'images' / '00001D.png'), cv2.IMREAD_UNCHANGED)
    assert np.array_equal(cv2.imread(str(out / 'rgb' / '00001D.png')), rgbt[..., :3])
    assert np.array_equal(cv2.imread(str(out / 'thermal' / '00001D.png'), cv2.IMREAD_UNCHANGED),
                          rgbt[..., 3])
    init_default_scope('mmseg')
    ds = DATASETS.build(dict(type='MFNetDataset', data_root=str(out), ann_file='train.txt',
                             data_prefix=dict(img_path='rgb', x_path='thermal',
                                              seg_map_path='labels'),
                             pipeline=[dict(type='LoadRGBXImageFromFile'),
                                       dict(type='LoadAnnotations')]))
    assert len(ds) == 2 and len(ds.metainfo['classes']) == 9
    item = ds[0]
    assert item['img'].shape == (8, 12, 6)
    assert np.array_equal(item['img'][..., 3], rgbt[..., 3])


def test_nyudv2_maps_void_to_ignore(tmp_path):
    for sub in ('RGB', 'Depth', 'Label'):
        (tmp_path / sub).mkdir()
    cv2.imwrite(str(tmp_path / 'RGB' / '1.jpg'), np.zeros((8, 8, 3), np.uint8))
    cv2.imwrite(str(tmp_path / 'Depth' / '1.png'), np.zeros((8, 8), np.uint8))
    label = np.arange(64, dtype=np.uint8).reshape(8, 8) % 41            # 0 = void, 1..40
    cv2.imwrite(str(tmp_path / 'Label' / '1.png'), label)
    (tmp_path / 'train.txt').write_text('1\n')
    init_default_scope('mmseg')
    ds = DATASETS.build(dict(type='NYUDv2Dataset', data_root=str(tmp_path), ann_file='train.txt',
                             data_prefix=dict(img_path='RGB', x_path='Depth', seg_map_path='Label'),
                             pipeline=[dict(type='LoadRGBXImageFromFile'),
                                       dict(type='LoadAnnotations')]))
    seg = ds[0]['gt_seg_map']
    assert len(ds.metainfo['classes']) == 40
    assert np.array_equal(seg, np.where(label == 0, 255, label.astype(np.int64) - 1))
