# Copyright (c) mmcontrast contributors. All rights reserved.
"""ImageNet-style class-folder sets: ``{train,val}/<class>/*.JPEG`` + ``meta/*.txt``.

This is the layout of mmpretrain's ``ImageNet``/``CustomDataset``: one folder
per class, and optional annotation files with ``relative/path label`` lines.
"""
import os
import os.path as osp

import cv2
import numpy as np

from .sources import bundled_photos, random_crop


def _write_split(out_dir: str, split: str, items: list, classes: list) -> None:
    lines = []
    for i, (img, label) in enumerate(items):
        rel = osp.join(classes[label], f'{split}_{i:05d}.JPEG')
        path = osp.join(out_dir, split, rel)
        os.makedirs(osp.dirname(path), exist_ok=True)
        # JPEG quality 95 as ImageNet; cv2 writes BGR.
        cv2.imwrite(path, img[..., ::-1], [cv2.IMWRITE_JPEG_QUALITY, 95])
        lines.append(f'{rel} {label}')
    os.makedirs(osp.join(out_dir, 'meta'), exist_ok=True)
    with open(osp.join(out_dir, 'meta', f'{split}.txt'), 'w') as f:
        f.write('\n'.join(lines) + '\n')


def make_digits_imagenet_style(out_dir: str, seed: int = 0, size: int = 32,
                               val_ratio: float = 0.2) -> None:
    """scikit-learn's 1,797 8×8 digits, upsampled to ``size``, split 80/20.

    Classes are folders ``0`` .. ``9``; images are grey replicated to RGB.
    """
    from sklearn.datasets import load_digits

    digits = load_digits()
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(digits.images))
    n_val = int(round(len(order) * val_ratio))
    classes = [str(i) for i in range(10)]

    def item(i):
        img = (digits.images[i] / 16.0 * 255).astype(np.uint8)
        img = cv2.resize(img, (size, size), interpolation=cv2.INTER_LINEAR)
        return np.repeat(img[..., None], 3, axis=2), int(digits.target[i])

    _write_split(out_dir, 'val', [item(i) for i in order[:n_val]], classes)
    _write_split(out_dir, 'train', [item(i) for i in order[n_val:]], classes)
    with open(osp.join(out_dir, 'classes.txt'), 'w') as f:
        f.write('\n'.join(classes) + '\n')


def make_photos_imagenet_style(out_dir: str, seed: int = 0, size: int = 256,
                               per_photo: int = 4) -> None:
    """Random crops of the bundled colour photos; one class folder per photo.

    Used by self-supervised pretraining tiny configs (labels unused) and by
    any tiny classification config that needs natural colour images.
    """
    rng = np.random.default_rng(seed)
    photos = bundled_photos()
    classes = sorted(photos)
    train, val = [], []
    for label, name in enumerate(classes):
        for _ in range(per_photo):
            train.append((random_crop(photos[name], size, rng), label))
        val.append((random_crop(photos[name], size, rng), label))
    _write_split(out_dir, 'train', train, classes)
    _write_split(out_dir, 'val', val, classes)
    with open(osp.join(out_dir, 'classes.txt'), 'w') as f:
        f.write('\n'.join(classes) + '\n')
