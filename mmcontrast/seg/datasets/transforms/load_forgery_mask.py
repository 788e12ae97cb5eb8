# Copyright (c) mmcontrast contributors. All rights reserved.
"""Load a forgery mask by content; a missing mask means an authentic image."""
from typing import Optional

import mmcv
import mmengine.fileio as fileio
import numpy as np
from mmcv.transforms import BaseTransform
from mmseg.registry import TRANSFORMS


@TRANSFORMS.register_module()
class LoadForgeryMask(BaseTransform):
    """Load ``gt_seg_map`` of a forgery dataset (FOCAL and its test sets).

    Differences from mmseg's ``LoadAnnotations``, which is why it exists:
    an image without mask (``seg_map_path`` None or empty: an authentic image)
    gets an all-zero mask of the image size, and masks are decoded by content
    (several official files are TIFF bytes with a ``.png`` name) and kept raw
    (0/255, possibly 3-channel): :class:`BinarizeMask` must follow.

    Required keys: ``img`` (for the shape of an authentic mask), ``seg_map_path``.
    Added keys: ``gt_seg_map`` (H, W[, C]) uint8, ``seg_fields``.

    Args:
        imdecode_backend (str): ``mmcv.imfrombytes`` backend; Pillow and cv2
            both decode by content. Defaults to 'pillow'.
        backend_args (dict, optional): mmengine file backend arguments.
    """

    def __init__(self, imdecode_backend: str = 'pillow',
                 backend_args: Optional[dict] = None) -> None:
        self.imdecode_backend = imdecode_backend
        self.backend_args = backend_args.copy() if backend_args else None

    def transform(self, results: dict) -> dict:
        path = results.get('seg_map_path')
        if not path:
            mask = np.zeros(results['img'].shape[:2], dtype=np.uint8)
        else:
            data = fileio.get(path, backend_args=self.backend_args)
            try:
                mask = mmcv.imfrombytes(data, flag='unchanged', backend=self.imdecode_backend)
            except Exception as e:  # Pillow raises on truncated/corrupt files
                raise ValueError(f'cannot read forgery mask {path}: the file is empty or '
                                 f'corrupt ({type(e).__name__}: {e})') from e
            if mask is None:
                raise ValueError(f'cannot read forgery mask {path}: the file is empty or '
                                 'corrupt.')
            mask = np.ascontiguousarray(mask)
            img = results.get('img')
            if img is not None and mask.shape[:2] != img.shape[:2]:
                raise ValueError(
                    f'forgery mask {path} is {mask.shape[:2]} (H, W) but image '
                    f'{results.get("img_path")} is {img.shape[:2]}: the mask must be aligned '
                    'pixel for pixel with its image (resizing it would mislabel pixels).')
        results['gt_seg_map'] = mask
        results.setdefault('seg_fields', [])
        if 'gt_seg_map' not in results['seg_fields']:
            results['seg_fields'].append('gt_seg_map')
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(imdecode_backend={self.imdecode_backend!r})'
