# Copyright (c) mmcontrast contributors. All rights reserved.
"""Mini composed-image-retrieval set in the CIRR and FashionIQ layouts.

Bases are crops of the photos bundled with scikit-learn / scikit-image; each
base yields six variants that form CIRR's ``img_set``: identity, flipped,
rotated 90 degrees, grayscale, zoomed-in and colour-inverted. A triplet is
(variant a, caption naming the edit that gives variant b, variant b) of one
base, so a model must recognise the base from the reference image and the
edit from the caption (clip4cir.md §8.6). The same triplets are written in
both layouts under ``<out>/cirr_dataset`` and ``<out>/fashionIQ_dataset``;
FashionIQ's three categories are groups of bases.
"""
import json
import os
import os.path as osp
from typing import Dict, List

import numpy as np

from .sources import bundled_photos

VARIANTS = ('identity', 'flip', 'rot90', 'gray', 'zoom', 'invert')
CAPTIONS = {
    'identity': ('show the original photo', 'is the unedited picture'),
    'flip': ('mirror it left to right', 'is flipped horizontally'),
    'rot90': ('rotate it by ninety degrees', 'is turned on its side'),
    'gray': ('make it black and white', 'has no colour'),
    'zoom': ('zoom in on the centre', 'is a close-up'),
    'invert': ('invert the colours', 'looks like a negative'),
}
CATEGORIES = ('dress', 'shirt', 'toptee')
W, H = 48, 36  # non-square, so TargetPad pads (ratio 1.33 >= 1.25)


def _photos() -> Dict[str, np.ndarray]:
    photos = bundled_photos()
    import skimage.data as skd
    for name in ('camera', 'immunohistochemistry', 'coins', 'page'):
        try:
            img = getattr(skd, name)()
        except Exception:  # noqa: BLE001  (not bundled in this wheel)
            continue
        if img.ndim == 2:
            img = np.stack([img] * 3, -1)
        photos[name] = np.ascontiguousarray(img[..., :3]).astype(np.uint8)
    return photos


def _variants(base: np.ndarray) -> List[np.ndarray]:
    import cv2
    gray = cv2.cvtColor(base, cv2.COLOR_RGB2GRAY)
    zh, zw = int(H * 0.6), int(W * 0.6)
    y, x = (H - zh) // 2, (W - zw) // 2
    zoom = cv2.resize(base[y:y + zh, x:x + zw], (W, H), interpolation=cv2.INTER_LINEAR)
    return [base, base[:, ::-1], np.rot90(base), np.stack([gray] * 3, -1), zoom, 255 - base]


def _save(path: str, rgb: np.ndarray) -> None:
    import cv2
    os.makedirs(osp.dirname(path), exist_ok=True)
    cv2.imwrite(path, np.ascontiguousarray(rgb[..., ::-1]))


def make_cir_style(out_dir: str, seed: int = 0, crops_per_photo: int = 5,
                   pairs_per_base: int = 12) -> None:
    """Write ``cirr_dataset/`` and ``fashionIQ_dataset/`` under ``out_dir``."""
    import cv2
    rng = np.random.default_rng(seed)
    bases = []
    for name, img in sorted(_photos().items()):
        h, w = img.shape[:2]
        for _ in range(crops_per_photo):
            ch = int(h * rng.uniform(0.4, 0.8))
            cw = min(int(ch * W / H), w)
            y, x = int(rng.integers(0, h - ch + 1)), int(rng.integers(0, w - cw + 1))
            bases.append(cv2.resize(img[y:y + ch, x:x + cw], (W, H),
                                    interpolation=cv2.INTER_AREA))
    order = rng.permutation(len(bases))
    n = len(bases)
    n_tr, n_va = int(n * 0.6), int(n * 0.25)
    split_of = {}
    for j, b in enumerate(order):
        split_of[int(b)] = 'train' if j < n_tr else 'val' if j < n_tr + n_va else 'test'
    pairs = [(a, b) for a in range(6) for b in range(6) if a != b]
    triplets = {b: [pairs[i] for i in rng.choice(len(pairs), pairs_per_base, replace=False)]
                for b in range(n)}
    _write_cirr(osp.join(out_dir, 'cirr_dataset'), bases, split_of, triplets)
    _write_fiq(osp.join(out_dir, 'fashionIQ_dataset'), bases, split_of, triplets)


def _write_cirr(root: str, bases, split_of, triplets) -> None:
    cirr_split = {'train': 'train', 'val': 'dev', 'test': 'test1'}
    ann_split = {'train': 'train', 'val': 'val', 'test': 'test1'}
    splits: Dict[str, dict] = {s: {} for s in ann_split.values()}
    caps: Dict[str, list] = {s: [] for s in ann_split.values()}
    pairid = 0
    for b, base in enumerate(bases):
        s = split_of[b]
        folder = cirr_split[s]
        names = [f'{folder}-{b}-{v}-img{v}' for v in range(6)]
        for v, img in enumerate(_variants(base)):
            rel = f'./train/{b % 100}/{names[v]}.png' if s == 'train' else \
                f'./{folder}/{names[v]}.png'
            _save(osp.join(root, rel), img)
            splits[ann_split[s]][names[v]] = rel
        for a, t in triplets[b]:
            entry = dict(pairid=pairid, reference=names[a], caption=CAPTIONS[VARIANTS[t]][0],
                         img_set=dict(id=b, members=names, reference_rank=a))
            if s != 'test':
                entry.update(target_hard=names[t], target_soft={names[t]: 1.0})
            caps[ann_split[s]].append(entry)
            pairid += 1
    for s in ann_split.values():
        for kind, obj in (('image_splits', splits[s]), ('captions', caps[s])):
            d = osp.join(root, 'cirr', kind)
            os.makedirs(d, exist_ok=True)
            prefix = 'split' if kind == 'image_splits' else 'cap'
            with open(osp.join(d, f'{prefix}.rc2.{s}.json'), 'w') as f:
                json.dump(obj, f, indent=1)


def _write_fiq(root: str, bases, split_of, triplets) -> None:
    splits = {(c, s): [] for c in CATEGORIES for s in ('train', 'val', 'test')}
    caps = {(c, s): [] for c in CATEGORIES for s in ('train', 'val', 'test')}
    for b, base in enumerate(bases):
        cat, s = CATEGORIES[b % 3], split_of[b]
        names = [f'B{b:04d}V{v}' for v in range(6)]
        for v, img in enumerate(_variants(base)):
            _save(osp.join(root, 'images', names[v] + '.jpg'), img)
            splits[(cat, s)].append(names[v])
        for a, t in triplets[b]:
            c1, c2 = CAPTIONS[VARIANTS[t]]
            entry = dict(candidate=names[a], captions=[c1 + '.', c2])
            if s != 'test':
                entry['target'] = names[t]
            caps[(cat, s)].append(entry)
    for (cat, s), obj in splits.items():
        os.makedirs(osp.join(root, 'image_splits'), exist_ok=True)
        with open(osp.join(root, 'image_splits', f'split.{cat}.{s}.json'), 'w') as f:
            json.dump(obj, f)
    for (cat, s), obj in caps.items():
        os.makedirs(osp.join(root, 'captions'), exist_ok=True)
        with open(osp.join(root, 'captions', f'cap.{cat}.{s}.json'), 'w') as f:
            json.dump(obj, f, indent=1)
