# Copyright (c) mmcontrast contributors. All rights reserved.
"""Additive Gaussian noise for float images."""
import numpy as np
from mmcv.transforms import BaseTransform

from mmcontrast.registry import TRANSFORMS


@TRANSFORMS.register_module()
class RandomGaussianNoise(BaseTransform):
    """Add ``N(0, sigma^2)`` noise to a float image (DCCL spec §4: σ = 0.05).

    Args:
        sigma (float): Noise standard deviation. Defaults to 0.05.
        prob (float): Probability to apply. Defaults to 1.0.
    """

    def __init__(self, sigma: float = 0.05, prob: float = 1.0) -> None:
        if sigma < 0 or not 0 <= prob <= 1:
            raise ValueError('RandomGaussianNoise: sigma >= 0 and prob in [0, 1].')
        self.sigma, self.prob = sigma, prob

    def transform(self, results: dict) -> dict:
        """Add noise to ``results['img']``."""
        if np.random.rand() < self.prob:
            img = results['img'].astype(np.float32)
            results['img'] = img + np.random.normal(0, self.sigma, img.shape).astype(np.float32)
        return results
