# Copyright (c) mmcontrast contributors. All rights reserved.
import numpy as np
import pytest

from mmcontrast.seg.datasets.transforms import BinarizeMask


def test_grey_levels_and_three_channels():
    m = np.array([[0, 127, 128], [255, 200, 1]], np.uint8)
    out = BinarizeMask()(dict(gt_seg_map=m))['gt_seg_map']
    assert out.tolist() == [[0, 0, 1], [1, 1, 0]] and out.dtype == np.uint8
    m3 = np.stack([m, np.zeros_like(m), np.full_like(m, 255)], -1)
    assert BinarizeMask()(dict(gt_seg_map=m3))['gt_seg_map'].tolist() == out.tolist()
    assert BinarizeMask(channel=2)(dict(gt_seg_map=m3))['gt_seg_map'].all()


def test_validation():
    with pytest.raises(ValueError, match='threshold'):
        BinarizeMask(threshold=255)
