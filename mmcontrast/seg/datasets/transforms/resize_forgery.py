# Copyright (c) mmcontrast contributors. All rights reserved.
"""FOCAL's resize: square image, mask on the feature grid."""
import cv2
import numpy as np
from mmcv.transforms import BaseTransform
from mmseg.registry import TRANSFORMS


@TRANSFORMS.register_module()
class ResizeForgery(BaseTransform):
    """Resize the image to ``size x size`` and the mask to the feature grid.

    As the FOCAL code: the image is resized bilinearly to ``size`` (aspect
    not kept) and the {0, 1} mask is resized bilinearly *as 0/255* to
    ``size / gt_ratio`` and thresholded at 127 (so it matches the extractor's
    output grid: 64 for SAM ViT at 1024, 256 for HRNet). mmseg's data
    preprocessor then leaves the small mask alone, because the images need no
    padding. At test time use ``resize_gt=False`` to keep the mask at its
    original size for the metric.

    Modified keys: ``img``, ``gt_seg_map``, ``img_shape``; added:
    ``scale_factor``, ``keep_ratio``.

    Args:
        size (int): Side of the square image. Defaults to 1024.
        gt_ratio (int): Output stride of the extractor. Defaults to 16.
        resize_gt (bool): Resize the mask to ``size // gt_ratio``.
            Defaults to True.
    """

    def __init__(self, size: int = 1024, gt_ratio: int = 16, resize_gt: bool = True) -> None:
        if size < 1 or gt_ratio < 1 or size % gt_ratio:
            raise ValueError(f'size must be a positive multiple of gt_ratio, got size={size}, '
                             f'gt_ratio={gt_ratio}')
        self.size, self.gt_ratio, self.resize_gt = size, gt_ratio, resize_gt

    def transform(self, results: dict) -> dict:
        img = results['img']
        h, w = img.shape[:2]
        results['img'] = cv2.resize(img, (self.size, self.size), interpolation=cv2.INTER_LINEAR)
        results['img_shape'] = results['img'].shape[:2]
        results['scale_factor'] = (self.size / w, self.size / h)
        results['keep_ratio'] = False
        if self.resize_gt and 'gt_seg_map' in results:
            g = self.size // self.gt_ratio
            mask = results['gt_seg_map'].astype(np.float32) * 255
            results['gt_seg_map'] = (cv2.resize(mask, (g, g), interpolation=cv2.INTER_LINEAR)
                                     > 127).astype(np.uint8)
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(size={self.size}, gt_ratio={self.gt_ratio}, '
                f'resize_gt={self.resize_gt})')
