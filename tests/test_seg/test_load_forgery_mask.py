# Copyright (c) mmcontrast contributors. All rights reserved.
import cv2
import numpy as np

from mmcontrast.seg.datasets.transforms import BinarizeMask, LoadForgeryMask


def _load(path, img=None):
    img = np.zeros((6, 8, 3), np.uint8) if img is None else img
    r = LoadForgeryMask()(dict(img=img, seg_map_path=path))
    return BinarizeMask()(r)


def test_png_tiff_as_png_and_three_channel(tmp_path):
    m = np.zeros((6, 8), np.uint8)
    m[2:4, 3:7] = 255
    cv2.imwrite(str(tmp_path / 'a.png'), m)
    ok, buf = cv2.imencode('.tif', m)
    (tmp_path / 'b.png').write_bytes(buf.tobytes())  # TIFF bytes under a .png name
    cv2.imwrite(str(tmp_path / 'c.png'), np.stack([m] * 3, -1))
    for name in 'abc':
        r = _load(str(tmp_path / f'{name}.png'))
        assert r['gt_seg_map'].tolist() == (m > 127).astype(np.uint8).tolist(), name
        assert 'gt_seg_map' in r['seg_fields']


def test_missing_mask_is_authentic():
    r = _load(None, np.zeros((5, 7, 3), np.uint8))
    assert r['gt_seg_map'].shape == (5, 7) and r['gt_seg_map'].sum() == 0
