# Copyright (c) mmcontrast contributors. All rights reserved.
"""Random JPEG re-compression of the image (forensic augmentation)."""
from typing import Sequence

import cv2
import numpy as np
from mmcv.transforms import BaseTransform
from mmseg.registry import TRANSFORMS


@TRANSFORMS.register_module()
class RandomJPEGCompression(BaseTransform):
    """Re-encode ``img`` as JPEG with a random quality (cv2), mask untouched.

    FOCAL's recipe compresses with quality 50-95 with probability 0.75 (inside
    :class:`FOCALAlbu`); this stand-alone transform serves pipelines without
    albumentations and the robustness tests of forgery detectors.

    Args:
        quality (Sequence[int]): Inclusive (low, high) JPEG quality.
            Defaults to (50, 95).
        prob (float): Probability of applying it. Defaults to 0.75.
    """

    def __init__(self, quality: Sequence[int] = (50, 95), prob: float = 0.75) -> None:
        lo, hi = int(quality[0]), int(quality[1])
        if not 1 <= lo <= hi <= 100:
            raise ValueError(f'quality must be (low, high) with 1 <= low <= high <= 100, '
                             f'got {quality}')
        if not 0 <= prob <= 1:
            raise ValueError(f'prob must be in [0, 1], got {prob}')
        self.quality, self.prob = (lo, hi), prob

    def transform(self, results: dict) -> dict:
        if np.random.rand() >= self.prob:
            return results
        q = int(np.random.randint(self.quality[0], self.quality[1] + 1))
        ok, buf = cv2.imencode('.jpg', results['img'], [cv2.IMWRITE_JPEG_QUALITY, q])
        if not ok:
            raise RuntimeError('cv2 failed to encode the image as JPEG')
        results['img'] = cv2.imdecode(buf, cv2.IMREAD_UNCHANGED).reshape(results['img'].shape)
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(quality={self.quality}, prob={self.prob})'
