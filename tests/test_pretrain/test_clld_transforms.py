# Copyright (c) mmcontrast contributors. All rights reserved.
import mmcv
import numpy as np
import pytest
from mmengine.registry import init_default_scope
from mmpretrain.registry import TRANSFORMS

import mmcontrast.pretrain  # noqa: F401


@pytest.fixture(autouse=True)
def scope():
    init_default_scope('mmpretrain')


def _img(h=120, w=160):
    rng = np.random.default_rng(0)
    return rng.integers(0, 256, (h, w, 3), dtype=np.uint8)


def test_patch_mask_paints_76_cells_with_one_patch():
    np.random.seed(3)
    src = _img()
    out = TRANSFORMS.build(dict(type='RandomPatchMask'))(dict(img=src.copy()))
    ref = mmcv.imresize(src, (224, 224), interpolation='bicubic', backend='pillow')
    img = out['img']
    changed, patches = [], []
    for r in range(16):
        for c in range(16):
            sl = (slice(r * 14, r * 14 + 14), slice(c * 14, c * 14 + 14))
            if not np.array_equal(img[sl], ref[sl]):
                changed.append((r, c))
                patches.append(img[sl])
    assert len(changed) == 76 == int(out['patch_mask'].sum() // 196)
    assert all(np.array_equal(p, patches[0]) for p in patches)


def test_crop_metadata_reproduces_view():
    np.random.seed(0)
    src = _img()
    t = TRANSFORMS.build(dict(type='RandomResizedCropWithBox', scale=32, backend='pillow',
                              interpolation='bicubic'))
    for _ in range(5):
        out = t(dict(img=src))
        x, y, w, h = out['crop_bbox'].astype(int)
        ref = mmcv.imresize(src[y:y + h, x:x + w], (32, 32), interpolation='bicubic',
                            backend='pillow')
        assert np.array_equal(out['img'], ref)


@pytest.mark.parametrize('frame', ['source', 'official'])
def test_two_views_boxes_flips_and_frames(frame):
    src = _img(120, 160)
    t = TRANSFORMS.build(dict(
        type='CLLDMaskedTwoViews', box_frame=frame,
        transforms=[dict(type='RandomResizedCropWithBox', scale=32, crop_ratio_range=(1., 1.),
                         aspect_ratio_range=(3 / 4, 4 / 3)),
                    dict(type='RandomFlip', prob=0.5)]))
    seen_masked = set()
    for seed in range(8):
        np.random.seed(seed)
        out = t(dict(img=src, ori_shape=src.shape[:2]))
        assert len(out['img']) == 2 and out['crop_bbox'].shape == (2, 4)
        assert out['flip'].shape == (2, ) and out['flip'].dtype == bool
        m = out['masked_view']
        seen_masked.add(m)
        # whole-image crops (area 1 only fits by the centre fallback): boxes = whole frames
        np.testing.assert_allclose(out['crop_bbox'][1 - m], [0, 0, 160, 120], atol=1)
        expect = [0, 0, 160, 120] if frame == 'source' else [0, 0, 224, 224]
        np.testing.assert_allclose(out['crop_bbox'][m], expect, atol=1)
    assert seen_masked == {0, 1}


def test_validation():
    with pytest.raises(ValueError, match='box_frame'):
        TRANSFORMS.build(dict(type='CLLDMaskedTwoViews', transforms=[], box_frame='x'))
    with pytest.raises(ValueError, match='cell'):
        TRANSFORMS.build(dict(type='RandomPatchMask', size=224, cell=15))
