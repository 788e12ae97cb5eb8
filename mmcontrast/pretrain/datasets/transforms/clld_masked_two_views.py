# Copyright (c) mmcontrast contributors. All rights reserved.
"""CLLD's two views: one from the clean image, one from a patch-masked copy."""
import copy
from typing import List, Optional

import numpy as np
from mmcv.transforms import BaseTransform, Compose
from mmpretrain.registry import TRANSFORMS

_FRAMES = ('source', 'official')


@TRANSFORMS.register_module()
class CLLDMaskedTwoViews(BaseTransform):
    """Make CLLD's two views with their crop boxes and flips (arXiv 2308.08242).

    A masked copy is made by ``mask`` (``RandomPatchMask``: resize to
    224x224, paint 30 % of the 14x14 cells); with probability ``swap_prob``
    view 1 is the masked copy and view 2 the clean image, otherwise the
    reverse. Each view then goes through ``transforms`` (which must contain
    ``RandomResizedCropWithBox`` and ``RandomFlip``).

    With ``box_frame='source'`` (default) the masked view's box is rescaled
    from the 224x224 frame to the source frame (x W/224, y H/224) so that both
    boxes live in one frame; ``'official'`` keeps the official code's bug
    (the masked box stays in the 224x224 frame).

    **Modified Keys:** ``img`` (list of 2 views). **Added Keys:**
    ``crop_bbox`` ((2, 4) float32 ``(x, y, w, h)``), ``flip`` ((2,) bool),
    ``masked_view`` (int, index of the masked view).

    Args:
        transforms (list[dict]): Per-view pipeline.
        mask (dict): Masking transform config. Defaults to
            ``dict(type='RandomPatchMask')``.
        swap_prob (float): Probability that view 1 is the masked copy.
            Defaults to 0.5.
        box_frame (str): ``'source'`` or ``'official'``.
    """

    def __init__(self,
                 transforms: List[dict],
                 mask: dict = dict(type='RandomPatchMask'),
                 swap_prob: float = 0.5,
                 box_frame: str = 'source') -> None:
        if box_frame not in _FRAMES:
            raise ValueError(f'box_frame must be one of {_FRAMES}, got {box_frame!r}.')
        if not 0 <= swap_prob <= 1:
            raise ValueError(f'swap_prob must lie in [0, 1], got {swap_prob!r}.')
        self.pipeline = Compose(transforms)
        self.mask = TRANSFORMS.build(mask)
        self.swap_prob, self.box_frame = swap_prob, box_frame

    def transform(self, results: dict) -> Optional[dict]:
        """Build the two views."""
        src = results['img']
        H, W = src.shape[:2]
        masked = self.mask(dict(img=src))['img']
        masked_view = 0 if np.random.rand() < self.swap_prob else 1
        imgs, boxes, flips = [], [], []
        for v in range(2):
            is_masked = v == masked_view
            r = copy.deepcopy({k: val for k, val in results.items() if k != 'img'})
            r['img'] = masked if is_masked else src.copy()
            r['img_shape'] = r['img'].shape[:2]
            r = self.pipeline(r)
            if r is None:
                return None
            if 'crop_bbox' not in r or 'flip' not in r:
                raise KeyError('The per-view pipeline of CLLDMaskedTwoViews must contain '
                               'RandomResizedCropWithBox and RandomFlip.')
            box = np.asarray(r['crop_bbox'], np.float32).copy()
            if is_masked and self.box_frame == 'source':
                mh, mw = masked.shape[:2]
                box *= np.array([W / mw, H / mh, W / mw, H / mh], np.float32)
            imgs.append(r['img'])
            boxes.append(box)
            flips.append(bool(r['flip']))
        results['img'] = imgs
        results['crop_bbox'] = np.stack(boxes)
        results['flip'] = np.array(flips, bool)
        results['masked_view'] = masked_view
        return results
