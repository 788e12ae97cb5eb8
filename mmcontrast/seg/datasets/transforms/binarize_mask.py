# Copyright (c) mmcontrast contributors. All rights reserved.
"""0/255 (or grey, or 3-channel) forgery masks -> {0, 1} label maps."""
import numpy as np
from mmcv.transforms import BaseTransform
from mmseg.registry import TRANSFORMS


@TRANSFORMS.register_module()
class BinarizeMask(BaseTransform):
    """Binarise ``gt_seg_map`` as the FOCAL code does: ``mask > threshold``.

    Forgery masks are stored as 0/255 images; mmseg would treat 255 as
    "ignore", so this must run right after loading. A 3-channel mask uses
    ``channel`` (0 by default, as the official ``mask[..., 0]``).

    Modified keys: ``gt_seg_map`` -> (H, W) uint8 in {0, 1}.

    Args:
        threshold (int): Pixels strictly above it are forged. Defaults to 127.
        channel (int): Channel of a multi-channel mask. Defaults to 0.
    """

    def __init__(self, threshold: int = 127, channel: int = 0) -> None:
        if not 0 <= threshold < 255:
            raise ValueError(f'threshold must be in [0, 255), got {threshold}')
        self.threshold, self.channel = threshold, channel

    def transform(self, results: dict) -> dict:
        mask = results['gt_seg_map']
        if mask.ndim == 3:
            mask = mask[..., self.channel]
        results['gt_seg_map'] = (mask > self.threshold).astype(np.uint8)
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(threshold={self.threshold}, channel={self.channel})'
