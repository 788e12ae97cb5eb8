# Copyright (c) mmcontrast contributors. All rights reserved.
"""Signature pairs in the CEDAR layout, from scikit-learn's digits.

``signatures/CEDAR/full_org/original_{w}_{i}.png`` and
``signatures/CEDAR/full_forg/forgeries_{w}_{i}.png`` (w = 1..10, i = 1..8), as
CEDAR ships them (dark ink on white, 155x220 here), plus the pair CSVs
``signatures/CEDAR/pairs/{train,val,test}.csv`` written by the real converter
(``tools/dataset_converters/signature_pairs.py``, fixed seed): 6 train, 2
validation and 2 test writers. Writer w "signs" with instances of the digit
w-1; the forger of writer w writes instances of a different digit (w mod 10)
through one fixed affine warp (shear, rotation, scale), fpattack.md §8.7.
"""
import os
import os.path as osp

import cv2
import numpy as np

N_WRITERS, N_SIG = 10, 8
SIZE = (155, 220)  # (H, W)
FORGER = cv2.getRotationMatrix2D((110, 77), 8, 0.9)  # fixed affine "forger"
FORGER[0, 1] += 0.25  # shear


def _render(digit: np.ndarray, rng: np.random.Generator, forged: bool) -> np.ndarray:
    """8x8 digit (0..16) -> (155, 220) uint8, dark ink on white."""
    h, w = SIZE
    ink = cv2.resize(digit.astype(np.float32) / 16., (150, 110), interpolation=cv2.INTER_CUBIC)
    canvas = np.zeros(SIZE, np.float32)
    y, x = int(rng.integers(10, h - 110 - 10)), int(rng.integers(15, w - 150 - 15))
    canvas[y:y + 110, x:x + 150] = ink.clip(0, 1)
    if forged:
        canvas = cv2.warpAffine(canvas, FORGER, (w, h), flags=cv2.INTER_LINEAR)
    return (255 - np.round(canvas.clip(0, 1) * 255)).astype(np.uint8)


def make_signatures_style(out_dir: str, seed: int = 0) -> None:
    """Write the mini signature set and its pair CSVs under ``out_dir/CEDAR``."""
    from sklearn.datasets import load_digits
    digits = load_digits()
    rng = np.random.default_rng(seed)
    root = osp.join(out_dir, 'CEDAR')
    for sub in ('full_org', 'full_forg'):
        os.makedirs(osp.join(root, sub), exist_ok=True)
    for w in range(1, N_WRITERS + 1):
        own = rng.permutation(np.nonzero(digits.target == w - 1)[0])[:N_SIG]
        other = rng.permutation(np.nonzero(digits.target == w % 10)[0])[:N_SIG]
        for i in range(1, N_SIG + 1):
            cv2.imwrite(osp.join(root, f'full_org/original_{w}_{i}.png'),
                        _render(digits.images[own[i - 1]], rng, False))
            cv2.imwrite(osp.join(root, f'full_forg/forgeries_{w}_{i}.png'),
                        _render(digits.images[other[i - 1]], rng, True))
    from mmcontrast.pretrain.fpattack.signature_pairs import make_pair_csvs
    make_pair_csvs('cedar', root, osp.join(root, 'pairs'), seed=seed, n_writers=N_WRITERS,
                   n_genuine=N_SIG, n_forged=N_SIG, n_test=2, n_val=2)
