# Copyright (c) mmcontrast contributors. All rights reserved.
"""RandomResizedCrop that records its crop box."""
import mmcv
import numpy as np
from mmpretrain.datasets.transforms import RandomResizedCrop
from mmpretrain.registry import TRANSFORMS


@TRANSFORMS.register_module()
class RandomResizedCropWithBox(RandomResizedCrop):
    """mmpretrain ``RandomResizedCrop`` (torchvision's 10-try algorithm with a
    centre fallback) that also writes ``crop_bbox``.

    Dense contrastive methods (PixPro, CLLD) compute positive pixel pairs
    from where each view came from, so the box must travel with the view.

    **Added Keys:** ``crop_bbox`` (np.ndarray (4,) float32 ``(x, y, w, h)`` in
    the frame of the input image).

    Args: see :class:`mmpretrain.datasets.transforms.RandomResizedCrop`.
    """

    def transform(self, results: dict) -> dict:
        """Crop, resize and record the box."""
        img = results['img']
        offset_h, offset_w, target_h, target_w = self.rand_crop_params(img)
        img = mmcv.imcrop(img, bboxes=np.array([offset_w, offset_h, offset_w + target_w - 1,
                                                 offset_h + target_h - 1]))
        img = mmcv.imresize(img, tuple(self.scale[::-1]), interpolation=self.interpolation,
                            backend=self.backend)
        results['img'] = img
        results['img_shape'] = img.shape[:2]
        results['crop_bbox'] = np.array([offset_w, offset_h, target_w, target_h], np.float32)
        return results
