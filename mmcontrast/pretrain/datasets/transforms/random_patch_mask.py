# Copyright (c) mmcontrast contributors. All rights reserved.
"""Resize then paint one random patch over a random subset of grid cells."""
import mmcv
import numpy as np
from mmcv.transforms import BaseTransform
from mmpretrain.registry import TRANSFORMS


@TRANSFORMS.register_module()
class RandomPatchMask(BaseTransform):
    """CLLD's occlusion augmentation (Zoljodi et al., arXiv 2308.08242).

    The image is resized to ``size x size``; of the ``(size // cell)^2`` grid
    cells, ``floor(ratio * n_cells)`` distinct cells are chosen at random and
    all painted with the **same** random ``cell x cell x 3`` patch of uniform
    integers in [0, 255]. Defaults give 76 of 256 14x14 cells on 224x224.

    **Modified Keys:** ``img``, ``img_shape``. **Added Keys:** ``patch_mask``
    ((size, size) bool, True where painted).

    Args:
        size (int): Output side. Defaults to 224.
        cell (int): Cell side; must divide ``size``. Defaults to 14.
        ratio (float): Fraction of cells painted, in [0, 1]. Defaults to 0.3.
        interpolation (str): Resize filter. Defaults to 'bicubic' (PIL's
            default, as the official code).
        backend (str): 'pillow' or 'cv2'. Defaults to 'pillow'.
    """

    def __init__(self, size: int = 224, cell: int = 14, ratio: float = 0.3,
                 interpolation: str = 'bicubic', backend: str = 'pillow') -> None:
        if size <= 0 or cell <= 0 or size % cell:
            raise ValueError(f'cell={cell} must be positive and divide size={size}.')
        if not 0 <= ratio <= 1:
            raise ValueError(f'ratio must lie in [0, 1], got {ratio!r}.')
        self.size, self.cell, self.ratio = size, cell, ratio
        self.interpolation, self.backend = interpolation, backend

    def transform(self, results: dict) -> dict:
        """Resize and mask ``results['img']`` (H, W, 3) uint8."""
        img = mmcv.imresize(results['img'], (self.size, self.size),
                            interpolation=self.interpolation, backend=self.backend).copy()
        g = self.size // self.cell
        n = int(np.floor(self.ratio * g * g))
        cells = np.random.choice(g * g, n, replace=False)
        patch = np.random.randint(0, 256, (self.cell, self.cell, img.shape[2]), dtype=np.uint8)
        mask = np.zeros((self.size, self.size), bool)
        for idx in cells:
            r, c = divmod(int(idx), g)
            sl = (slice(r * self.cell, (r + 1) * self.cell), slice(c * self.cell,
                                                                 (c + 1) * self.cell))
            img[sl] = patch
            mask[sl] = True
        results['img'] = img
        results['img_shape'] = img.shape[:2]
        results['patch_mask'] = mask
        return results
