# Copyright (c) mmcontrast contributors. All rights reserved.
"""Splicing forgeries in the image + mask layout of forgery test sets.

``forgery/{train,val}/images/*.jpg`` and ``forgery/{train,val}/masks/*.png``
(0/255, same stem) as Coverage/Columbia/CASIA-style sets are laid out, read by
``mmcontrast.seg.ForgeryDataset``. Each forged image is a crop of one bundled
photo with a random polygon pasted from a crop of *another* photo, then
re-compressed as JPEG (the paste carries a different camera/JPEG history, as in
tampCOCO's synthetic splicing). Authentic images are re-compressed crops with no
mask file. Two masks exercise real-world quirks: one is stored 3-channel, one
is TIFF bytes under a ``.png`` name (as some official demo files are).
"""
import os
import os.path as osp

import cv2
import numpy as np

from .sources import bundled_photos, random_crop


def _polygon_mask(size: int, rng: np.random.Generator) -> np.ndarray:
    """A random star-shaped polygon covering roughly 8-30 % of the image."""
    from skimage.draw import polygon
    n = int(rng.integers(5, 9))
    angles = np.sort(rng.uniform(0, 2 * np.pi, n))
    radius = size * rng.uniform(0.18, 0.33) * rng.uniform(0.7, 1.0, n)
    cy, cx = rng.uniform(0.35, 0.65, 2) * size
    rr, cc = polygon(cy + radius * np.sin(angles), cx + radius * np.cos(angles), (size, size))
    mask = np.zeros((size, size), np.uint8)
    mask[rr, cc] = 1
    return mask


def _jpeg(img: np.ndarray, quality: int) -> np.ndarray:
    ok, buf = cv2.imencode('.jpg', img, [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)


def make_forgery_style(out_dir: str, seed: int = 0, size: int = 128, n_train: int = 32,
                       n_val: int = 12, authentic_every: int = 4) -> None:
    """Write the mini splicing set under ``out_dir/{train,val}/{images,masks}``.

    Args:
        out_dir (str): Target folder (``data/mini/forgery``).
        seed (int): Seed of every random choice. Defaults to 0.
        size (int): Side of the square images. Defaults to 128.
        n_train (int): Training images. Defaults to 32.
        n_val (int): Validation images. Defaults to 12.
        authentic_every (int): Every n-th image is authentic. Defaults to 4.
    """
    rng = np.random.default_rng(seed)
    photos = list(bundled_photos().values())  # RGB
    k = 0
    for split, count in (('train', n_train), ('val', n_val)):
        img_dir, mask_dir = osp.join(out_dir, split, 'images'), osp.join(out_dir, split, 'masks')
        os.makedirs(img_dir, exist_ok=True)
        os.makedirs(mask_dir, exist_ok=True)
        for i in range(count):
            k += 1
            a = int(rng.integers(len(photos)))
            host = random_crop(photos[a], size, rng)[..., ::-1]  # BGR for cv2
            host = _jpeg(host, int(rng.integers(70, 96)))  # first compression
            name = f'{split}_{i:04d}'
            if i % authentic_every == authentic_every - 1:
                img = _jpeg(host, int(rng.integers(75, 96)))
                cv2.imwrite(osp.join(img_dir, name + '.jpg'), img,
                            [cv2.IMWRITE_JPEG_QUALITY, 100])
                continue
            b = (a + 1 + int(rng.integers(len(photos) - 1))) % len(photos)
            donor = random_crop(photos[b], size, rng)[..., ::-1]
            mask = _polygon_mask(size, rng)
            img = np.where(mask[..., None] > 0, donor, host)
            img = _jpeg(img, int(rng.integers(75, 96)))
            cv2.imwrite(osp.join(img_dir, name + '.jpg'), img, [cv2.IMWRITE_JPEG_QUALITY, 100])
            m255 = mask * 255
            if k % 11 == 5:  # 3-channel mask
                cv2.imwrite(osp.join(mask_dir, name + '.png'), np.stack([m255] * 3, -1))
            elif k % 11 == 7:  # TIFF bytes with a .png name
                ok, buf = cv2.imencode('.tif', m255)
                with open(osp.join(mask_dir, name + '.png'), 'wb') as f:
                    f.write(buf.tobytes())
            else:
                cv2.imwrite(osp.join(mask_dir, name + '.png'), m255)
