# Copyright (c) mmcontrast contributors. All rights reserved.
"""Mini face-age set in the FG-NET layout: synthetic writers x digit "ages" (age.md §8.6).

scikit-learn's ``load_digits`` supplies the "faces": the **age** is the digit
value 0-9 and the **identity** is one of ``num_writers`` synthetic writers.
Each writer is a fixed random affine warp (scikit-image ``AffineTransform``),
a stroke dilation (``morphology.dilation``) and an RGB ink tint, applied to
every digit it "writes" at 64x64. Each writer writes each digit up to three
times, named as FG-NET does (``<SSS>A<AA>[a|b].JPG``), so the FG-NET
converter's parser is exercised. Plumbing only: not evidence about faces.

Layout::

    face_age/images/001A00.JPG, 001A00a.JPG, ...
    face_age/annotations/{all,train,test}.json   # [{img_path, age, subject_id}]

``train``: writers 1..14, ``test``: writers 15..20 (subject-exclusive);
``all``: every image (leave-one-person-out folds).
"""
import os
import os.path as osp

import cv2
import numpy as np

SUFFIXES = ('', 'a', 'b')


def make_face_age_style(out_dir: str, seed: int = 0, num_writers: int = 20,
                        per_age: int = 3, size: int = 64, num_train_writers: int = 14) -> None:
    """Write the mini face-age set under ``out_dir`` (see the module doc)."""
    from skimage import morphology, transform
    from sklearn.datasets import load_digits

    from mmcontrast.pretrain.datasets.face_age_annotations import (fgnet_annotations,
                                                                   write_annotations)
    digits = load_digits()
    rng = np.random.default_rng(seed)
    by_digit = {d: rng.permutation(np.flatnonzero(digits.target == d)) for d in range(10)}
    img_dir = osp.join(out_dir, 'images')
    os.makedirs(img_dir, exist_ok=True)
    used = {d: 0 for d in range(10)}
    for w in range(1, num_writers + 1):
        warp = transform.AffineTransform(
            scale=tuple(rng.uniform(0.75, 1.05, 2)), rotation=rng.uniform(-0.35, 0.35),
            shear=rng.uniform(-0.35, 0.35), translation=tuple(rng.uniform(-4, 4, 2)))
        center = transform.AffineTransform(translation=(-size / 2, -size / 2))
        full = center + warp + transform.AffineTransform(translation=(size / 2, size / 2))
        radius = int(rng.integers(0, 3))
        tint = rng.uniform(0.35, 1.0, 3)
        bg = rng.uniform(0.0, 0.3, 3)
        for d in range(10):
            for r in range(per_age):
                idx = by_digit[d][used[d] % len(by_digit[d])]
                used[d] += 1
                img = cv2.resize(digits.images[idx] / 16.0, (size, size),
                                 interpolation=cv2.INTER_LINEAR)
                img = transform.warp(img, full.inverse, output_shape=(size, size))
                if radius:
                    img = morphology.dilation(img, morphology.disk(radius))
                rgb = bg[None, None] * (1 - img[..., None]) + tint[None, None] * img[..., None]
                rgb = (np.clip(rgb, 0, 1) * 255).astype(np.uint8)
                name = f'{w:03d}A{d:02d}{SUFFIXES[r]}.JPG'
                cv2.imwrite(osp.join(img_dir, name), rgb[..., ::-1],
                            [cv2.IMWRITE_JPEG_QUALITY, 95])
    items = fgnet_annotations(img_dir)
    ann = osp.join(out_dir, 'annotations')
    write_annotations(items, osp.join(ann, 'all.json'))
    write_annotations([it for it in items if it['subject_id'] <= num_train_writers],
                      osp.join(ann, 'train.json'))
    write_annotations([it for it in items if it['subject_id'] > num_train_writers],
                      osp.join(ann, 'test.json'))
