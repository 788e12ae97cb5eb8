# Copyright (c) mmcontrast contributors. All rights reserved.
"""ADE20K-Full: converter on a generated raw release, dataset, uint16 labels, IoUMetric."""
import importlib.util
import os
import os.path as osp
import pickle

import numpy as np
import pytest
from PIL import Image

import mmcontrast.seg  # noqa: F401
from mmengine.registry import DefaultScope
from mmcontrast.seg.datasets import ADE20KFullDataset

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
PIPELINE = [dict(type='LoadImageFromFile'), dict(type='LoadAnnotationsU16'),
            dict(type='PackSegInputs')]
NAMES = ['wall', 'building, edifice', 'sky', 'tree', 'train-only thing', 'val-only thing']


@pytest.fixture(autouse=True)
def mmseg_scope():
    with DefaultScope.overwrite_default_scope('mmseg'):
        yield


def _converter():
    spec = importlib.util.spec_from_file_location(
        'ade20k_full_conv', osp.join(REPO, 'tools/dataset_converters/ade20k_full.py'))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _seg_png(ids):
    """Encode class ids as the ADE toolkit does: R = id // 256 * 10, G = id % 256."""
    rgb = np.zeros(ids.shape + (3, ), np.uint8)
    rgb[..., 0] = (ids // 256) * 10
    rgb[..., 1] = ids % 256
    return rgb


def _make_raw(root, rng):
    """A 5-image ADE20K_2021_17_01 release; class mask value = object index + 1."""
    base = osp.join(root, 'ADE20K_2021_17_01')
    files, folders, masks = [], [], {}
    # class i+1 (objectnames[i]); 0 unlabelled. train: 3 images, val: 2 images.
    plan = [('ADE_train_00000001.jpg', [1, 2, 3, 5]), ('ADE_train_00000002.jpg', [1, 3, 4]),
            ('ADE_train_00000003.jpg', [2, 4, 1]), ('ADE_val_00000001.jpg', [1, 2, 3, 4, 6]),
            ('ADE_val_00000002.jpg', [3, 4])]
    presence = np.zeros((len(NAMES), len(plan)), np.int64)
    for j, (fname, ids) in enumerate(plan):
        split = 'validation' if '_val_' in fname else 'training'
        folder = f'ADE20K_2021_17_01/images/ADE/{split}/scene'
        os.makedirs(osp.join(root, folder), exist_ok=True)
        h, w = (48, 64) if j == 0 else (20, 24)
        m = rng.choice(np.array([0] + ids), size=(h, w)).astype(np.int64)
        for c in ids:
            m.flat[c] = c  # every listed class occurs
            presence[c - 1, j] += 1 + (c == 1)  # wall has the most instances
        Image.fromarray(rng.integers(0, 255, (h, w, 3), dtype=np.uint8)).save(
            osp.join(root, folder, fname))
        Image.fromarray(_seg_png(m)).save(osp.join(root, folder, fname[:-4] + '_seg.png'))
        files.append(fname)
        folders.append(folder)
        masks[fname] = m
    with open(osp.join(base, 'index_ade20k.pkl'), 'wb') as f:
        pickle.dump(dict(filename=files, folder=folders, objectnames=NAMES,
                         objectPresence=presence), f)
    return masks


def test_converter_from_index_metadata(tmp_path):
    rng = np.random.default_rng(0)
    masks = _make_raw(str(tmp_path), rng)
    res = _converter().convert(str(tmp_path), max_size=32)
    # train-only / val-only classes are dropped; order = training instances (wall first).
    assert res['classes'][0] == 'wall'
    assert set(res['classes']) == {'wall', 'building, edifice', 'sky', 'tree'}
    assert (res['training'], res['validation']) == (3, 2)
    base = tmp_path / 'ADE20K_2021_17_01'
    names = (base / 'ade20k_full_classes.txt').read_text().splitlines()
    assert names == res['classes']
    lut = {NAMES.index(n) + 1: t for t, n in enumerate(names)}
    tif = np.asarray(Image.open(base / 'annotations_detectron2/training/ADE_train_00000002.tif'))
    assert tif.dtype == np.uint16
    want = np.vectorize(lambda v: lut.get(int(v), 65535))(masks['ADE_train_00000002.jpg'])
    np.testing.assert_array_equal(tif, want)
    # the 48x64 image: short side 48 > 32 -> 32x43 (MaskFormer's rule)
    big = Image.open(base / 'images_detectron2/training/ADE_train_00000001.jpg')
    assert big.size == (43, 32)
    # the dataset reads the names file and finds the pairs
    ds = ADE20KFullDataset(data_root=str(base),
                           data_prefix=dict(img_path='images_detectron2/validation',
                                            seg_map_path='annotations_detectron2/validation'),
                           pipeline=PIPELINE)
    assert ds.metainfo['classes'] == tuple(names) and len(ds) == 2
    lab = ds[0]['data_samples'].gt_sem_seg.data
    assert 65535 in lab.unique().tolist()


def test_converter_with_maskformer_list(tmp_path):
    rng = np.random.default_rng(1)
    _make_raw(str(tmp_path), rng)
    script = tmp_path / 'prepare_ade20k_full_sem_seg.py'
    script.write_text('import os\nADE20K_SEM_SEG_FULL_CATEGORIES = [\n'
                      '    {"name": "sky", "id": 3, "trainId": 1},\n'
                      '    {"name": "tree", "id": 4, "trainId": 0},\n]\n'
                      'raise SystemExit("must not be executed")\n')
    res = _converter().convert(str(tmp_path), maskformer_script=str(script), max_size=512)
    assert res['classes'] == ['tree', 'sky']
    tif = np.asarray(Image.open(
        tmp_path / 'ADE20K_2021_17_01/annotations_detectron2/validation/ADE_val_00000002.tif'))
    assert set(np.unique(tif).tolist()) <= {0, 1, 65535}


def test_dataset_tiff_set_and_metric(tmp_path):
    """A generated uint16 TIFF set with {0, 255, 300, 846, 65535}; IoUMetric counts class 255."""
    from mmseg.evaluation import IoUMetric
    base = tmp_path / 'ADE20K_2021_17_01'
    (base / 'images_detectron2/validation').mkdir(parents=True)
    (base / 'annotations_detectron2/validation').mkdir(parents=True)
    (base / 'ade20k_full_classes.txt').write_text(''.join(f'class {i}\n' for i in range(847)))
    lab = np.array([0, 255, 300, 846, 65535] * 4, np.uint16).reshape(4, 5)
    Image.fromarray(np.zeros((4, 5, 3), np.uint8)).save(base / 'images_detectron2/validation/a.jpg')
    Image.fromarray(lab).save(base / 'annotations_detectron2/validation/a.tif')
    ds = ADE20KFullDataset(data_root=str(base), test_mode=True,
                           data_prefix=dict(img_path='images_detectron2/validation',
                                            seg_map_path='annotations_detectron2/validation'),
                           pipeline=PIPELINE)
    assert len(ds.metainfo['classes']) == 847
    gt = ds[0]['data_samples'].gt_sem_seg.data  # (1, 4, 5) int64
    np.testing.assert_array_equal(gt[0].numpy(), lab.astype(np.int64))
    metric = IoUMetric(ignore_index=65535)
    metric.dataset_meta = ds.metainfo
    pred = gt.clone()
    pred[gt == 65535] = 255  # void pixels are ignored whatever is predicted
    sample = dict(pred_sem_seg=dict(data=pred), gt_sem_seg=dict(data=gt))
    metric.process([], [sample])
    area_i, area_u = metric.results[0][0], metric.results[0][1]
    assert float(area_i[255]) == 4 and float(area_u[255]) == 4
    assert float(area_i[300]) == 4 and float(area_u.sum()) == 16


def test_missing_names_file(tmp_path):
    kw = dict(data_root=str(tmp_path), data_prefix=dict(img_path='i', seg_map_path='a'))
    with pytest.raises(FileNotFoundError, match='ade20k_full.py'):
        ADE20KFullDataset(**kw)
    ds = ADE20KFullDataset(lazy_init=True, **kw)  # configs build without the data
    with pytest.raises(FileNotFoundError):
        ds.full_init()
    with pytest.raises(ValueError):
        ADE20KFullDataset(reduce_zero_label=True, lazy_init=True, **kw)
