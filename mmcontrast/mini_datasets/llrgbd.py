# Copyright (c) mmcontrast contributors. All rights reserved.
"""Mini low-light RGB-D set in the LLRGBD layout.

``LLRGBD/{train,test}/{rgb,depth,label}/<name>.png`` plus the list files
``train/train.txt`` and ``test/test.txt`` (basenames without extension), as
the real LLRGBD release used by SMMCL. Images are 96x128 (4:3 like the real
640x480), darkened (gamma + gain + sensor noise) to mimic low light.

Sources: the bundled real photos (:func:`bundled_photos`) with a pseudo-depth
(a floor-like vertical ramp plus a smooth random field), and scikit-image's
``stereo_motorcycle`` whose real disparity map gives real depth (1 /
disparity; cells without disparity are 0 = no measurement, labelled void).

Labels use real LLRGBD ids and need both modalities: a cell is
``{bright, dark} x {near, far}`` (luminance of the *original* photo vs. its
median, depth vs. its median) -> ``wall``/``floor``/``furniture``/``objects``;
cells close to either threshold and cells without depth are ``void`` (0,
trained, as in LLRGBD). So the depth stream carries information that the
RGB stream alone does not.
"""
import os
import os.path as osp
from typing import Dict, List, Tuple

import cv2
import numpy as np

from .sources import bundled_photos

#: LLRGBD ids used by the mini set, and the classes a tiny config selects.
LLRGBD_IDS = dict(void=0, floor=5, furniture=6, objects=7, wall=12)
MINI_LLRGBD_CLASSES = ('void', 'floor', 'furniture', 'objects', 'wall')


def _crop_window(h: int, w: int, rng: np.random.Generator, aspect: float = 0.75,
                 min_scale: float = 0.4) -> Tuple[int, int, int, int]:
    """Random (y, x, ch, cw) window of aspect ``ch / cw = aspect``."""
    cw = int(min(w, h / aspect) * rng.uniform(min_scale, 1.0))
    ch = int(cw * aspect)
    return int(rng.integers(0, h - ch + 1)), int(rng.integers(0, w - cw + 1)), ch, cw


def _pseudo_depth(h: int, w: int, rng: np.random.Generator) -> np.ndarray:
    """(h, w) float depth in [0, 1]: ramp (near at the bottom) + smooth field."""
    ramp = np.linspace(1.0, 0.0, h, dtype=np.float32)[:, None].repeat(w, 1)
    field = cv2.GaussianBlur(rng.standard_normal((h, w)).astype(np.float32), (0, 0),
                             sigmaX=max(h, w) / 8)
    field = (field - field.min()) / (np.ptp(field) + 1e-6)
    depth = 0.4 * ramp + 0.6 * field
    return (depth - depth.min()) / (np.ptp(depth) + 1e-6)


def _sources() -> List[Tuple[str, np.ndarray, np.ndarray]]:
    """(name, RGB uint8, depth float32 or None) of every source image."""
    import skimage.data as skd
    out = [(k, v, None) for k, v in bundled_photos().items()]
    left, _, disp = skd.stereo_motorcycle()
    depth = np.zeros(disp.shape, np.float32)
    valid = np.isfinite(disp) & (disp > 0)
    depth[valid] = 1.0 / disp[valid]
    out.append(('motorcycle', np.ascontiguousarray(left[..., :3]), depth))
    return out


def _label(lum: np.ndarray, depth: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """(h, w) uint8 LLRGBD ids from luminance and depth (see module doc)."""
    lm, dm = np.median(lum), np.median(depth[valid]) if valid.any() else 0.5
    bright, near = lum > lm, depth < dm
    ids = np.where(bright, np.where(near, LLRGBD_IDS['floor'], LLRGBD_IDS['wall']),
                   np.where(near, LLRGBD_IDS['furniture'], LLRGBD_IDS['objects']))
    ambiguous = (np.abs(lum - lm) < 0.04 * (np.ptp(lum) + 1e-6)) | \
        (np.abs(depth - dm) < 0.03 * (np.ptp(depth[valid]) + 1e-6 if valid.any() else 1))
    ids[ambiguous | ~valid] = LLRGBD_IDS['void']
    return ids.astype(np.uint8)


def make_llrgbd_style(out_dir: str, seed: int = 0, size: Tuple[int, int] = (96, 128),
                      n_train: int = 16, n_test: int = 6) -> Dict[str, int]:
    """Write the mini LLRGBD set under ``out_dir/LLRGBD``.

    Args:
        out_dir (str): Parent folder.
        seed (int): Seed of crops, pseudo-depths and noise. Defaults to 0.
        size (tuple[int, int]): (H, W) of every image. Defaults to (96, 128).
        n_train (int): Train images. Defaults to 16.
        n_test (int): Test images. Defaults to 6.

    Returns:
        dict: split -> number of images.
    """
    rng = np.random.default_rng(seed)
    sources = _sources()
    H, W = size
    root = osp.join(out_dir, 'LLRGBD')
    counts = {}
    for split, n in (('train', n_train), ('test', n_test)):
        for sub in ('rgb', 'depth', 'label'):
            os.makedirs(osp.join(root, split, sub), exist_ok=True)
        names = []
        for i in range(n):
            src_name, img, depth = sources[(i + (0 if split == 'train' else 3)) % len(sources)]
            y, x, ch, cw = _crop_window(*img.shape[:2], rng, aspect=H / W)
            rgb = cv2.resize(img[y:y + ch, x:x + cw], (W, H), interpolation=cv2.INTER_AREA)
            if depth is None:
                d = _pseudo_depth(H, W, rng)
                valid = np.ones((H, W), bool)
            else:
                d = cv2.resize(depth[y:y + ch, x:x + cw], (W, H), interpolation=cv2.INTER_NEAREST)
                valid = d > 0
                if valid.any():
                    lo, hi = d[valid].min(), d[valid].max()
                    d = np.where(valid, (d - lo) / (hi - lo + 1e-6), 0).astype(np.float32)
            lum = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.float32) / 255
            label = _label(lum, d, valid)
            dark = 255 * 0.45 * (rgb.astype(np.float32) / 255) ** 1.8
            dark = np.clip(dark + rng.normal(0, 2.0, dark.shape), 0, 255).astype(np.uint8)
            depth8 = np.where(valid, 1 + np.round(d * 254), 0).astype(np.uint8)
            name = f'{split}_{i:04d}_{src_name}'
            cv2.imwrite(osp.join(root, split, 'rgb', name + '.png'), dark[..., ::-1])
            cv2.imwrite(osp.join(root, split, 'depth', name + '.png'), depth8)
            cv2.imwrite(osp.join(root, split, 'label', name + '.png'), label)
            names.append(name)
        with open(osp.join(root, split, f'{split}.txt'), 'w') as f:
            f.write('\n'.join(names) + '\n')
        counts[split] = n
    return counts
