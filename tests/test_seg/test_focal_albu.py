# Copyright (c) mmcontrast contributors. All rights reserved.
import numpy as np
import pytest

pytest.importorskip('albumentations')
from mmcontrast.seg.datasets.transforms import FOCALAlbu, focal_albu_recipe  # noqa: E402


def _flatten(ts):
    for t in ts:
        yield t
        yield from _flatten(t.get('transforms', []))


def test_recipe_maps_albumentations_1_and_2_arguments():
    v1 = {t['type']: t for t in _flatten(focal_albu_recipe(major=1))}
    v2 = {t['type']: t for t in _flatten(focal_albu_recipe(major=2))}
    assert v1['ImageCompression']['quality_lower'] == 50 and 'quality_range' not in v1[
        'ImageCompression']
    assert v2['ImageCompression']['quality_range'] == (50, 95)
    assert v1['ElasticTransform']['alpha_affine'] == pytest.approx(3.6)
    assert 'alpha_affine' not in v2['ElasticTransform']
    assert v2['GaussNoise']['std_range'][1] == pytest.approx(50 ** 0.5 / 255)
    assert v1['PadIfNeeded']['border_mode'] == v2['PadIfNeeded']['border_mode'] == 4
    assert v1['Sequential']['p'] == 0.75 and v1['RandomScale']['scale_limit'] == (-0.5, 0.0)


def test_transforms_image_and_mask_together():
    np.random.seed(0)
    t = FOCALAlbu(pad_size=64, prob=1.0)
    for _ in range(10):
        img = np.random.randint(0, 255, (48, 40, 3), np.uint8)
        mask = np.zeros((48, 40), np.uint8)
        mask[10:20, 5:30] = 1
        r = t(dict(img=img, gt_seg_map=mask, img_path='x.jpg', seg_fields=['gt_seg_map']))
        assert r['img'].shape[:2] == r['gt_seg_map'].shape == r['img_shape']
        assert min(r['img_shape']) >= 64 and set(np.unique(r['gt_seg_map'])) <= {0, 1}
        assert r['img_path'] == 'x.jpg' and r['seg_fields'] == ['gt_seg_map']
    with pytest.raises(ValueError, match='prob'):
        FOCALAlbu(prob=1.5)
