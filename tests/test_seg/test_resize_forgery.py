# Copyright (c) mmcontrast contributors. All rights reserved.
import numpy as np
import pytest

from mmcontrast.seg.datasets.transforms import ResizeForgery


@pytest.mark.parametrize('gt_ratio,grid', [(16, 64), (4, 256)])
def test_output_sizes(gt_ratio, grid):
    img = np.random.randint(0, 255, (300, 500, 3), np.uint8)
    mask = np.zeros((300, 500), np.uint8)
    mask[:150] = 1
    r = ResizeForgery(1024, gt_ratio)(dict(img=img, gt_seg_map=mask))
    assert r['img'].shape == (1024, 1024, 3) and r['img_shape'] == (1024, 1024)
    assert r['gt_seg_map'].shape == (grid, grid)
    assert set(np.unique(r['gt_seg_map'])) == {0, 1}
    assert r['gt_seg_map'][: grid // 2 - 1].all() and not r['gt_seg_map'][grid // 2 + 1:].any()


def test_keep_gt_at_test_time_and_validation():
    mask = np.ones((30, 50), np.uint8)
    r = ResizeForgery(64, 16, resize_gt=False)(dict(img=np.zeros((30, 50, 3), np.uint8),
                                                    gt_seg_map=mask))
    assert r['gt_seg_map'].shape == (30, 50) and r['img'].shape[:2] == (64, 64)
    with pytest.raises(ValueError, match='gt_ratio'):
        ResizeForgery(100, 16)
