# Copyright (c) mmcontrast contributors. All rights reserved.
"""LoadAnnotationsU16 keeps 16-bit label ids through mmseg's transforms."""
import numpy as np
import pytest
from PIL import Image

import mmcontrast.seg  # noqa: F401
from mmengine.registry import DefaultScope
from mmcontrast.seg.datasets.transforms import LoadAnnotationsU16

IDS = [0, 255, 300, 846, 65535]


@pytest.fixture(autouse=True)
def mmseg_scope():
    with DefaultScope.overwrite_default_scope('mmseg'):
        yield


def _tif(path, arr):
    Image.fromarray(arr.astype(np.uint16)).save(path)
    return str(path)


@pytest.mark.parametrize('backend', ['cv2', 'pillow'])
def test_uint16_round_trip(tmp_path, backend):
    lab = np.array(IDS * 4, dtype=np.uint16).reshape(4, 5)
    res = LoadAnnotationsU16(imdecode_backend=backend)(
        dict(seg_map_path=_tif(tmp_path / 'a.tif', lab), seg_fields=[], reduce_zero_label=False))
    assert res['gt_seg_map'].dtype == np.uint16
    np.testing.assert_array_equal(res['gt_seg_map'], lab)


def test_mmseg_transforms_keep_ids(tmp_path):
    from mmcv.transforms import Compose
    from mmseg.registry import TRANSFORMS
    lab = np.full((40, 40), 65535, np.uint16)
    lab[:20, :20], lab[:20, 20:], lab[20:, :20], lab[20:, 20:] = 255, 300, 846, 0
    img = np.zeros((40, 40, 3), np.uint8)
    Image.fromarray(img).save(tmp_path / 'a.jpg')
    pipe = Compose([TRANSFORMS.build(t) for t in [
        dict(type='LoadImageFromFile'), dict(type='LoadAnnotationsU16'),
        dict(type='RandomResize', scale=(80, 80), ratio_range=(1.0, 1.0), keep_ratio=True),
        dict(type='RandomCrop', crop_size=(60, 60), cat_max_ratio=0.75, ignore_index=65535),
        dict(type='RandomFlip', prob=0.5), dict(type='PackSegInputs')]])
    out = pipe(dict(img_path=str(tmp_path / 'a.jpg'), seg_map_path=_tif(tmp_path / 'a.tif', lab),
                    seg_fields=[], reduce_zero_label=False))
    vals = set(out['data_samples'].gt_sem_seg.data.unique().tolist())
    assert vals <= set(IDS) and len(vals) >= 3


def test_reduce_zero_label_refused(tmp_path):
    lab = np.zeros((2, 2), np.uint16)
    with pytest.raises(ValueError, match='reduce_zero_label'):
        LoadAnnotationsU16()(dict(seg_map_path=_tif(tmp_path / 'a.tif', lab), seg_fields=[],
                                  reduce_zero_label=True))
