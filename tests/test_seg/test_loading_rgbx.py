# Copyright (c) mmcontrast contributors. All rights reserved.
"""LoadRGBXImageFromFile: (H, W, 6) images whose geometry moves RGB and X together."""
import os.path as osp

import cv2
import numpy as np
import pytest
from mmcv.transforms import Compose

import mmcontrast.seg  # noqa: F401
from mmengine.registry import init_default_scope

MINI = 'llrgbd/LLRGBD/train'


def _first(mini_data_root, sub, ext='.png'):
    root = osp.join(mini_data_root, MINI)
    name = open(osp.join(root, 'train.txt')).read().split()[0]
    return osp.join(root, sub, name + ext)


def test_loads_rgb_and_replicated_depth(mini_data_root):
    init_default_scope('mmseg')
    from mmseg.registry import TRANSFORMS
    t = TRANSFORMS.build(dict(type='LoadRGBXImageFromFile'))
    res = t(dict(img_path=_first(mini_data_root, 'rgb'), x_path=_first(mini_data_root, 'depth')))
    img = res['img']
    bgr = cv2.imread(_first(mini_data_root, 'rgb'))
    depth = cv2.imread(_first(mini_data_root, 'depth'), cv2.IMREAD_GRAYSCALE)
    assert img.shape == bgr.shape[:2] + (6, ) and img.dtype == np.uint8
    assert np.array_equal(img[..., :3], bgr[..., ::-1])                    # RGB order
    for c in range(3, 6):
        assert np.array_equal(img[..., c], depth)
    t_bgr = TRANSFORMS.build(dict(type='LoadRGBXImageFromFile', channel_order='bgr'))
    assert np.array_equal(t_bgr(dict(img_path=_first(mini_data_root, 'rgb'),
                                     x_path=_first(mini_data_root, 'depth')))['img'][..., :3], bgr)
    with pytest.raises(KeyError):
        t(dict(img_path=_first(mini_data_root, 'rgb')))
    with pytest.raises(ValueError):
        TRANSFORMS.build(dict(type='LoadRGBXImageFromFile', x_color_type='rainbow'))


def test_misaligned_sizes_fail(tmp_path, mini_data_root):
    init_default_scope('mmseg')
    from mmseg.registry import TRANSFORMS
    small = tmp_path / 'small.png'
    cv2.imwrite(str(small), np.zeros((10, 10), np.uint8))
    t = TRANSFORMS.build(dict(type='LoadRGBXImageFromFile'))
    with pytest.raises(ValueError):
        t(dict(img_path=_first(mini_data_root, 'rgb'), x_path=str(small)))


@pytest.mark.parametrize('seed', [0, 1, 2, 3])
def test_flip_resize_crop_keep_modalities_aligned(tmp_path, mini_data_root, seed):
    """X = G channel of the mini RGB image, label = thresholded G: after the train
    pipeline's flip, random rescale and crop, X must still equal G pixel by pixel, and
    (without rescale) the label must still equal the threshold of G."""
    init_default_scope('mmseg')
    bgr = cv2.imread(_first(mini_data_root, 'rgb'))
    g = bgr[..., 1]
    cv2.imwrite(str(tmp_path / 'x.png'), g)
    cv2.imwrite(str(tmp_path / 'y.png'), (g > np.median(g)).astype(np.uint8))

    def sample():  # fresh dict and seg_fields list per run (transforms mutate both)
        return dict(img_path=_first(mini_data_root, 'rgb'), x_path=str(tmp_path / 'x.png'),
                    seg_map_path=str(tmp_path / 'y.png'), reduce_zero_label=False,
                    seg_fields=[])

    geo = [dict(type='RandomFlip', prob=0.5),
           dict(type='RandomChoice', transforms=[[dict(type='Resize', scale_factor=r,
                                                       keep_ratio=True)] for r in (0.75, 1.5)]),
           dict(type='RandomCrop', crop_size=(48, 64))]
    pipe = Compose([dict(type='LoadRGBXImageFromFile'), dict(type='LoadAnnotations')] + geo)
    np.random.seed(seed)
    out = pipe(sample())
    img = out['img']
    assert img.shape[:2] == (48, 64)
    for c in (3, 4, 5):
        assert np.array_equal(img[..., 1], img[..., c])
    flips = []
    for s in range(6):                                       # without rescale: labels exact
        pipe2 = Compose([dict(type='LoadRGBXImageFromFile'), dict(type='LoadAnnotations'),
                         geo[0], geo[2]])
        np.random.seed(seed * 10 + s)
        out = pipe2(sample())
        assert np.array_equal(out['img'][..., 4], out['img'][..., 1])
        assert np.array_equal(out['gt_seg_map'],
                              (out['img'][..., 1] > np.median(g)).astype(np.uint8))
        flips.append(out['flip'])
    assert any(flips) and not all(flips)                     # both branches exercised
