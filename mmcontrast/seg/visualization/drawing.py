# Copyright (c) mmcontrast contributors. All rights reserved.
"""Small drawing helpers shared by the segmentation visualisation hooks."""
from typing import Optional, Tuple

import cv2
import mmcv
import mmengine.fileio as fileio
import numpy as np
from mmengine.structures import PixelData


def read_rgb(path: str, backend_args: Optional[dict] = None) -> np.ndarray:
    """Read a colour image as (H, W, 3) uint8 RGB."""
    img = mmcv.imfrombytes(fileio.get(path, backend_args=backend_args), channel_order='rgb')
    if img is None:
        raise IOError(f'cannot decode image {path}')
    return img


def read_modality(path: str, backend_args: Optional[dict] = None) -> np.ndarray:
    """Read a second modality (depth, thermal, HHA; 8 or 16 bit) as (H, W, 3) uint8 RGB.

    Single-channel maps are min-max stretched to 0..255 (16-bit depth stays visible) and
    replicated to 3 channels.
    """
    x = mmcv.imfrombytes(fileio.get(path, backend_args=backend_args), flag='unchanged')
    if x is None:
        raise IOError(f'cannot decode image {path}')
    if x.ndim == 3 and x.shape[2] == 3 and x.dtype == np.uint8:
        return mmcv.bgr2rgb(x)
    if x.ndim == 3:
        x = x[..., 0]
    x = x.astype(np.float32)
    lo, hi = float(x.min()), float(x.max())
    x = (x - lo) / (hi - lo) * 255. if hi > lo else np.zeros_like(x)
    return np.repeat(x.astype(np.uint8)[..., None], 3, axis=2)


def resize_to(img: np.ndarray, hw: Tuple[int, int], nearest: bool = False) -> np.ndarray:
    """Resize an (H, W[, C]) array to ``hw`` (no-op when it already has that size)."""
    if tuple(img.shape[:2]) == tuple(hw):
        return img
    interp = cv2.INTER_NEAREST if nearest else cv2.INTER_LINEAR
    return cv2.resize(img, (int(hw[1]), int(hw[0])), interpolation=interp)


def _seg_hw(seg: PixelData) -> Tuple[int, int]:
    return tuple(seg.data.shape[-2:])


def draw_seg_pair(visualizer, image: np.ndarray, data_sample,
                  with_labels: bool = True) -> np.ndarray:
    """GT overlay beside prediction overlay, each drawn at its map's own size.

    ``visualizer`` is an mmseg ``SegLocalVisualizer`` with ``dataset_meta`` set. The image is
    resized to each map when sizes differ (e.g. lane annotations drawn after a resize).

    Returns:
        np.ndarray: (H, W * n, 3) RGB, n = number of maps present (1 or 2).
    """
    meta = visualizer.dataset_meta or {}
    classes, palette = meta.get('classes'), meta.get('palette')
    if classes is None:
        raise ValueError('the visualizer has no dataset_meta["classes"]; set it with '
                         'visualizer.set_dataset_meta(dataset.metainfo)')
    if palette is None:
        rng = np.random.RandomState(42)
        palette = [tuple(int(c) for c in rng.randint(0, 255, 3)) for _ in classes]
    panels = []
    for key in ('gt_sem_seg', 'pred_sem_seg'):
        if key in data_sample:
            seg = getattr(data_sample, key)
            img = resize_to(image, _seg_hw(seg))
            panels.append(visualizer._draw_sem_seg(img, seg, classes, palette, with_labels))
    if not panels:
        return image
    h = panels[0].shape[0]
    panels = [resize_to(p, (h, int(p.shape[1] * h / p.shape[0]))) for p in panels]
    return np.concatenate(panels, axis=1)


def stack_rows(rows) -> np.ndarray:
    """Stack (H_i, W_i, 3) rows vertically, padding widths with black."""
    width = max(r.shape[1] for r in rows)
    padded = [np.pad(r, ((0, 0), (0, width - r.shape[1]), (0, 0))) for r in rows]
    return np.concatenate(padded, axis=0)
