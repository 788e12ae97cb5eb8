# Copyright (c) mmcontrast contributors. All rights reserved.
import numpy as np
import pytest

from mmcontrast.seg.datasets.transforms import RandomJPEGCompression


def test_recompresses_image_only():
    rng = np.random.default_rng(0)
    img = rng.integers(0, 255, (32, 32, 3), dtype=np.uint8)
    mask = np.ones((32, 32), np.uint8)
    r = RandomJPEGCompression(quality=(50, 50), prob=1.0)(dict(img=img.copy(), gt_seg_map=mask))
    assert r['img'].shape == img.shape and r['img'].dtype == np.uint8
    assert not np.array_equal(r['img'], img) and r['gt_seg_map'] is mask
    r = RandomJPEGCompression(prob=0.0)(dict(img=img.copy()))
    assert np.array_equal(r['img'], img)


def test_validation():
    with pytest.raises(ValueError, match='quality'):
        RandomJPEGCompression(quality=(90, 50))
    with pytest.raises(ValueError, match='prob'):
        RandomJPEGCompression(prob=2)
