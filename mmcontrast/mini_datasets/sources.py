# Copyright (c) mmcontrast contributors. All rights reserved.
"""Real photos bundled in PyPI wheels (no download), as RGB uint8 arrays."""
from typing import Dict

import numpy as np


def bundled_photos() -> Dict[str, np.ndarray]:
    """Return the colour photos shipped with scikit-learn and scikit-image.

    Returns:
        dict: name -> (H, W, 3) uint8 RGB array.
    """
    import skimage.data as skd
    from sklearn.datasets import load_sample_images

    sk = load_sample_images()
    photos = {
        'china': sk.images[0],
        'flower': sk.images[1],
        'astronaut': skd.astronaut(),
        'coffee': skd.coffee(),
        'chelsea': skd.chelsea(),
        'rocket': skd.rocket(),
    }
    return {k: np.ascontiguousarray(v[..., :3]).astype(np.uint8)
            for k, v in photos.items()}


def random_crop(img: np.ndarray, size: int, rng: np.random.Generator,
                min_scale: float = 0.3) -> np.ndarray:
    """Crop a random square of ``min_scale..1`` of the short side, resize to ``size``."""
    import cv2

    h, w = img.shape[:2]
    side = int(min(h, w) * rng.uniform(min_scale, 1.0))
    y = int(rng.integers(0, h - side + 1))
    x = int(rng.integers(0, w - side + 1))
    crop = img[y:y + side, x:x + side]
    return cv2.resize(crop, (size, size), interpolation=cv2.INTER_AREA)
