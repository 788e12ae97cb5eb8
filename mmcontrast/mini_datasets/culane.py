# Copyright (c) mmcontrast contributors. All rights reserved.
"""CULane-style lane detection set (native layout, 1640x590).

``driver_*/<clip>.MP4/<frame>.jpg`` with a ``<frame>.lines.txt`` beside each
image (one lane per line, ``x y x y ...`` at rows 590, 580, ... in pixels,
left to right), ``laneseg_label_w16/<same path>.png`` (lane slots 1..4 drawn
16 px wide, 0 = background), ``list/train_gt.txt`` / ``list/val_gt.txt``
(``/img /png e1 e2 e3 e4`` with the four slot-existence flags),
``list/test.txt`` and ``list/test_split/test{0..8}_<category>.txt``.

Scenes are rendered roads under a real photo (bundled scikit-learn /
scikit-image images) as the sky: a textured asphalt trapezoid, two to four
straight or curved lane markings (solid or dashed, white or yellow) that
meet near a vanishing point, and per-category effects (night, shadow,
highlight, no lines, curve). A lane model can learn them from local
appearance; the geometry and all files follow the real dataset.
"""
import os
import os.path as osp
from typing import Dict, List, Optional, Tuple

import cv2
import numpy as np

from .sources import bundled_photos, random_crop

CULANE_SIZE = (590, 1640)  # (H, W)
CATEGORIES = ('normal', 'crowd', 'hlight', 'shadow', 'noline', 'arrow', 'curve', 'cross',
              'night')


def render_road(rng: np.random.Generator, photos: Dict[str, np.ndarray], size: Tuple[int, int],
                category: str = 'normal', slots: int = 4
                ) -> Tuple[np.ndarray, List[Optional[np.ndarray]]]:
    """Render one road scene and its lanes.

    Args:
        rng (np.random.Generator): Randomness.
        photos (dict): Bundled photos used as the sky/background.
        size (tuple): (H, W) of the image.
        category (str): One of :data:`CATEGORIES`.
        slots (int): Number of lane slots (4 for CULane, up to 5 for TuSimple).

    Returns:
        tuple: RGB uint8 (H, W, 3) image and, per slot, None or the lane
        centre line as a function ``x(y)`` sampled at every row: (K, 2) float
        array of (x, y) points from the bottom row upwards, inside the image.
    """
    H, W = size
    horizon = int(H * rng.uniform(0.38, 0.48))
    name = sorted(photos)[int(rng.integers(len(photos)))]
    sky = random_crop(photos[name], 256, rng)
    img = cv2.resize(sky, (W, H), interpolation=cv2.INTER_AREA).astype(np.float32)
    # asphalt: grey with noise, darker towards the bottom
    grey = rng.uniform(70, 120)
    road = (grey + 10 * rng.standard_normal((H, W), dtype=np.float32)
            + np.linspace(0, -15, H, dtype=np.float32)[:, None])
    img[horizon:] = np.repeat(road[horizon:, :, None], 3, axis=2)
    vx = W / 2 + rng.uniform(-0.08, 0.08) * W
    curve = rng.uniform(-0.5, 0.5) * W if category == 'curve' else rng.uniform(-0.05, 0.05) * W
    spacing = W * rng.uniform(0.33, 0.42)
    centre = W / 2 + rng.uniform(-0.06, 0.06) * W
    bottoms = centre + spacing * (np.arange(slots) - (slots - 1) / 2)
    present = rng.random(slots) < 0.85
    present[slots // 2 - 1:slots // 2 + 1] = True  # ego lanes always there
    if category in ('noline', 'cross'):
        present[:] = False
    lanes: List[Optional[np.ndarray]] = []
    ys = np.arange(H - 1, horizon + 2, -1, dtype=np.float64)
    for k in range(slots):
        if not present[k]:
            lanes.append(None)
            continue
        t = (ys - horizon) / (H - 1 - horizon)                     # 1 at the bottom, 0 at horizon
        xs = vx + (bottoms[k] - vx) * t + curve * (1 - t) ** 2 * t
        keep = (xs >= 0) & (xs <= W - 1) & (t > 0.06)
        if keep.sum() < 20:
            lanes.append(None)
            continue
        pts = np.stack([xs[keep], ys[keep]], 1)
        colour = (255, 255, 255) if rng.random() < 0.7 else (230, 200, 40)
        dashed = rng.random() < 0.5
        period = rng.uniform(25, 45)
        for (x0, y0), (x1, y1) in zip(pts[:-1], pts[1:]):
            tt = (y0 - horizon) / (H - 1 - horizon)
            if dashed and (np.log(max(tt, 1e-3)) * period) % 2 < 1:
                continue
            width = max(1, int(round(2 + 14 * tt * W / 1640)))
            cv2.line(img, (int(round(x0)), int(round(y0))), (int(round(x1)), int(round(y1))),
                     colour, width)
        lanes.append(pts)
    if category == 'shadow':
        for _ in range(3):
            x0 = int(rng.integers(0, W))
            img[horizon:, x0:x0 + W // 6] *= 0.45
    if category == 'night':
        img *= 0.3
    if category == 'hlight':
        yy, xx = np.mgrid[0:H, 0:W]
        cx, cy = rng.uniform(0.3, 0.7) * W, horizon
        img += 200 * np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * (0.12 * W) ** 2))[..., None]
    img += 4 * rng.standard_normal(img.shape, dtype=np.float32)
    return np.clip(img, 0, 255).astype(np.uint8), lanes


def culane_lines(lanes: List[Optional[np.ndarray]], H: int) -> List[np.ndarray]:
    """CULane ``.lines.txt`` points: rows H, H-10, ... (as the real files), existing lanes."""
    out = []
    for pts in lanes:
        if pts is None:
            continue
        rows = np.arange(H, 0, -10, dtype=np.float64)
        rows = rows[(rows <= pts[:, 1].max() + 1) & (rows >= pts[:, 1].min())]
        xs = np.interp(rows, pts[::-1, 1], pts[::-1, 0])
        out.append(np.stack([xs, rows], 1))
    return out


def draw_lane_slots(lanes: List[Optional[np.ndarray]], size: Tuple[int, int],
                    width: int = 16) -> np.ndarray:
    """Label map with slot k+1 drawn ``width`` px wide along lane k, 0 elsewhere."""
    label = np.zeros(size, np.uint8)
    for k, pts in enumerate(lanes):
        if pts is None:
            continue
        cv2.polylines(label, [np.round(pts).astype(np.int32)], False, k + 1, width)
    return label


def _write(out_dir: str, rel_img: str, img: np.ndarray, lanes, with_png: bool) -> str:
    H = img.shape[0]
    path = osp.join(out_dir, rel_img.lstrip('/'))
    os.makedirs(osp.dirname(path), exist_ok=True)
    cv2.imwrite(path, img[..., ::-1], [cv2.IMWRITE_JPEG_QUALITY, 90])
    with open(path[:-4] + '.lines.txt', 'w') as f:
        for pts in culane_lines(lanes, H):
            f.write(' '.join(f'{x:.5f} {int(y)}' for x, y in pts) + ' \n')
    rel_png = '/laneseg_label_w16' + rel_img[:-4] + '.png'
    if with_png:
        png = osp.join(out_dir, rel_png.lstrip('/'))
        os.makedirs(osp.dirname(png), exist_ok=True)
        cv2.imwrite(png, draw_lane_slots(lanes, img.shape[:2]))
    return rel_png


def make_culane_style(out_dir: str, seed: int = 0, n_train: int = 40, n_val: int = 10,
                      n_test_per_cat: int = 2) -> None:
    """Write the mini CULane set under ``out_dir`` (see module docstring)."""
    rng = np.random.default_rng(seed)
    photos = bundled_photos()
    os.makedirs(osp.join(out_dir, 'list', 'test_split'), exist_ok=True)
    for split, n, driver in (('train_gt', n_train, 'driver_23_30frame'),
                             ('val_gt', n_val, 'driver_161_90frame')):
        lines = []
        for i in range(n):
            cat = 'curve' if i % 4 == 3 else 'normal'
            img, lanes = render_road(rng, photos, CULANE_SIZE, cat)
            rel = f'/{driver}/05151{i // 5:03d}_0{i // 5:03d}.MP4/{(i % 5) * 30:05d}.jpg'
            rel_png = _write(out_dir, rel, img, lanes, True)
            flags = ' '.join('1' if p is not None else '0' for p in lanes)
            lines.append(f'{rel} {rel_png} {flags}')
        with open(osp.join(out_dir, 'list', f'{split}.txt'), 'w') as f:
            f.write('\n'.join(lines) + '\n')
    test, per_cat = [], {c: [] for c in CATEGORIES}
    for c, cat in enumerate(CATEGORIES):
        for j in range(n_test_per_cat):
            img, lanes = render_road(rng, photos, CULANE_SIZE, cat)
            rel = f'/driver_37_30frame/05181{c:03d}_0{c:03d}.MP4/{j * 30:05d}.jpg'
            _write(out_dir, rel, img, lanes, False)
            test.append(rel)
            per_cat[cat].append(rel)
    with open(osp.join(out_dir, 'list', 'test.txt'), 'w') as f:
        f.write('\n'.join(test) + '\n')
    for c, cat in enumerate(CATEGORIES):
        with open(osp.join(out_dir, 'list', 'test_split', f'test{c}_{cat}.txt'), 'w') as f:
            f.write('\n'.join(p.lstrip('/') for p in per_cat[cat]) + '\n')
