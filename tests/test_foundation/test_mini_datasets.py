# Copyright (c) mmcontrast contributors. All rights reserved.
"""The mini datasets: deterministic, and loadable by the host libraries' own dataset classes."""
import hashlib
import os
import os.path as osp

import pytest
from mmengine.registry import init_default_scope

from mmcontrast.mini_datasets import GENERATORS, make_mini_datasets


def _digest(folder):
    h = hashlib.sha256()
    for dirpath, _, files in sorted(os.walk(folder)):
        for f in sorted(files):
            h.update(osp.relpath(osp.join(dirpath, f), folder).encode())
            with open(osp.join(dirpath, f), 'rb') as fh:
                h.update(fh.read())
    return h.hexdigest()


@pytest.mark.parametrize('name', ['ade', 'digits'])
def test_generator_is_deterministic(tmp_path, name):
    a = make_mini_datasets(str(tmp_path / 'a'), [name], seed=3)[name]
    b = make_mini_datasets(str(tmp_path / 'b'), [name], seed=3)[name]
    assert _digest(a) == _digest(b)


def test_unknown_name_is_rejected(tmp_path):
    with pytest.raises(KeyError, match='Unknown mini dataset'):
        make_mini_datasets(str(tmp_path), ['nope'])


def test_every_generator_has_a_stamp(mini_data_root):
    for name in GENERATORS:
        assert osp.exists(osp.join(mini_data_root, name, '.done')), name


def test_ade_loads_with_mmseg_ade20k_dataset(mini_data_root):
    init_default_scope('mmseg')
    from mmseg.datasets import ADE20KDataset
    ds = ADE20KDataset(
        data_root=osp.join(mini_data_root, 'ade', 'ADEChallengeData2016'),
        data_prefix=dict(img_path='images/validation', seg_map_path='annotations/validation'),
        metainfo=dict(classes=('sky', 'building', 'tree', 'flower')),
        pipeline=[dict(type='LoadImageFromFile'),
                  dict(type='LoadAnnotations', reduce_zero_label=True)])
    assert len(ds) == 8
    import numpy as np
    labels = np.unique(np.concatenate([np.unique(ds[i]['gt_seg_map']) for i in range(len(ds))]))
    assert set(labels.tolist()) <= {0, 1, 2, 3, 255}
    assert {0, 1, 2, 3} & set(labels.tolist())


def test_digits_load_with_mmpretrain_custom_dataset(mini_data_root):
    init_default_scope('mmpretrain')
    from mmpretrain.datasets import CustomDataset
    root = osp.join(mini_data_root, 'digits')
    by_folder = CustomDataset(data_root=root, data_prefix='train')
    by_list = CustomDataset(data_root=root, data_prefix='train', ann_file='meta/train.txt')
    assert len(by_folder) == len(by_list) == 1438  # 1797 - round(0.2 * 1797)
    assert by_folder.CLASSES == tuple(str(i) for i in range(10))
    assert sorted(set(by_list.get_gt_labels().tolist())) == list(range(10))


def test_photos_load_with_mmpretrain_custom_dataset(mini_data_root):
    init_default_scope('mmpretrain')
    from mmpretrain.datasets import CustomDataset
    ds = CustomDataset(data_root=osp.join(mini_data_root, 'photos'), data_prefix='train',
                       with_label=False)
    assert len(ds) == 24
