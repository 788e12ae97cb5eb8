# Copyright (c) mmcontrast contributors. All rights reserved.
"""Per-channel random intensity scale and shift for normalised MRI."""
import numpy as np
from mmcv.transforms import BaseTransform

from mmcontrast.registry import TRANSFORMS


@TRANSFORMS.register_module()
class RandomIntensityScaleShift(BaseTransform):
    """``img[..., c] = img[..., c] * (1 + s_c) + o_c`` with ``s_c, o_c ~ U(±r)``.

    DCCL's MRI augmentation (spec §4; ±10 %) for z-scored float slices.

    Args:
        scale (float): Max relative scale change. Defaults to 0.1.
        shift (float): Max absolute shift. Defaults to 0.1.
        prob (float): Probability to apply. Defaults to 1.0.
    """

    def __init__(self, scale: float = 0.1, shift: float = 0.1, prob: float = 1.0) -> None:
        if scale < 0 or shift < 0 or not 0 <= prob <= 1:
            raise ValueError('RandomIntensityScaleShift: scale, shift >= 0 and prob in [0, 1].')
        self.scale, self.shift, self.prob = scale, shift, prob

    def transform(self, results: dict) -> dict:
        """Scale and shift ``results['img']`` per channel."""
        if np.random.rand() >= self.prob:
            return results
        img = results['img'].astype(np.float32)
        c = img.shape[-1]
        s = 1 + np.random.uniform(-self.scale, self.scale, c).astype(np.float32)
        o = np.random.uniform(-self.shift, self.shift, c).astype(np.float32)
        results['img'] = img * s + o
        return results
