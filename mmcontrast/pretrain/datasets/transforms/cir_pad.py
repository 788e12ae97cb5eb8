# Copyright (c) mmcontrast contributors. All rights reserved.
"""CLIP4Cir's padding transforms (Baldrati et al., ACM TOMM 2023; clip4cir.md §4)."""
import numpy as np
from mmcv.transforms import BaseTransform
from mmpretrain.registry import TRANSFORMS


def _pad_hw(img: np.ndarray, top: int, bottom: int, left: int, right: int) -> np.ndarray:
    pad = [(top, bottom), (left, right)] + [(0, 0)] * (img.ndim - 2)
    return np.pad(img, pad, mode='constant', constant_values=0)


@TRANSFORMS.register_module()
class TargetPad(BaseTransform):
    """Pad the short side with black so the aspect ratio is at most ``ratio``
    (CLIP4Cir's "targetpad" preprocessing).

    An image with ``max(w, h) / min(w, h) < ratio`` is unchanged; otherwise
    both sides of the short dimension get
    ``max(int((max(w, h) / ratio - short) / 2), 0)`` zero pixels.

    Required keys: img. Modified keys: img, img_shape.

    Args:
        ratio (float): Target aspect ratio (>= 1). Defaults to 1.25.
    """

    def __init__(self, ratio: float = 1.25) -> None:
        if ratio < 1:
            raise ValueError(f'TargetPad ratio must be >= 1, got {ratio}.')
        self.ratio = ratio

    def transform(self, results: dict) -> dict:
        img = results['img']
        h, w = img.shape[:2]
        long, short = max(w, h), min(w, h)
        if long / short < self.ratio:
            return results
        p = max(int((long / self.ratio - short) / 2), 0)
        img = _pad_hw(img, p, p, 0, 0) if h < w else _pad_hw(img, 0, 0, p, p)
        results['img'] = img
        results['img_shape'] = img.shape[:2]
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(ratio={self.ratio})'


@TRANSFORMS.register_module()
class SquarePad(BaseTransform):
    """Zero-pad the short side (centred) to a square (CLIP4Cir's "squarepad").

    Required keys: img. Modified keys: img, img_shape.
    """

    def transform(self, results: dict) -> dict:
        img = results['img']
        h, w = img.shape[:2]
        s = max(w, h)
        left, top = (s - w) // 2, (s - h) // 2
        img = _pad_hw(img, top, s - h - top, left, s - w - left)
        results['img'] = img
        results['img_shape'] = img.shape[:2]
        return results
