# Copyright (c) mmcontrast contributors. All rights reserved.
"""Load a multi-channel float slice stored as ``.npy``."""
import numpy as np
from mmcv.transforms import BaseTransform

from mmcontrast.registry import TRANSFORMS


@TRANSFORMS.register_module()
class LoadNpySlice(BaseTransform):
    """Load an (H, W, C) float32 slice written by ``picai_to_slices.py``.

    Registered in the root registry, so mmpretrain and mmdet pipelines both
    find it. The file is memory-mapped and copied (no ``.mha`` re-reads).

    Required keys: ``img_path``. Added keys: ``img``, ``img_shape``,
    ``ori_shape``.

    Args:
        mmap (bool): Memory-map the file. Defaults to True.
    """

    def __init__(self, mmap: bool = True) -> None:
        self.mmap = mmap

    def transform(self, results: dict) -> dict:
        """Load ``results['img_path']`` into ``results['img']``."""
        path = results['img_path']
        try:
            img = np.load(path, mmap_mode='r' if self.mmap else None, allow_pickle=False)
        except (OSError, ValueError) as e:
            raise OSError(f'LoadNpySlice: cannot read {path!r} ({e}); re-run '
                          'tools/dataset_converters/picai_to_slices.py.') from e
        if img.ndim == 2:
            img = img[..., None]
        if img.ndim != 3:
            raise ValueError(f'LoadNpySlice: {path!r} must hold an (H, W, C) array, got '
                             f'shape {img.shape}.')
        img = np.array(img, dtype=np.float32)
        results['img'] = img
        results['img_shape'] = results['ori_shape'] = img.shape[:2]
        return results
