# Copyright (c) mmcontrast contributors. All rights reserved.
"""Mini P9D: scikit-learn's digits as three "industries" in P9D's JSON layout.

Industries (the first three P9D task names) hold digits 0-2, 3-5 and 6-9;
``cate_name`` is the digit; titles are templated English
("handwritten digit seven, thick stroke, slanted right") from the digit,
its ink mass (thin/thick against the digit's median) and its slant (second
moment). Images are the 8x8 digits upsampled to 32x32 RGB JPEGs. A toy
BERT ``vocab.txt`` covering every title word is written next to ``json/``.
"""
import json
import os
import os.path as osp

import cv2
import numpy as np

MINI_P9D_TASKS = ('家居用品', '家装家饰', '食品/保健')
_GROUPS = ((0, 1, 2), (3, 4, 5), (6, 7, 8, 9))
_NAMES = ('zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine')
SPECIAL_TOKENS = ('[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]')
_WORDS = ('handwritten', 'digit', 'thin', 'thick', 'stroke', 'slanted', 'left', 'right',
          'upright', ',') + _NAMES


def write_toy_vocab(path: str, words=_WORDS) -> str:
    """Write a BERT vocab file: the five special tokens, then ``words``."""
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(list(SPECIAL_TOKENS) + list(words)) + '\n')
    return path


def _slant(img: np.ndarray) -> float:
    ys, xs = np.mgrid[:img.shape[0], :img.shape[1]]
    m = img.sum() + 1e-6
    cy, cx = (ys * img).sum() / m, (xs * img).sum() / m
    return float(((xs - cx) * (cy - ys) * img).sum() / (((ys - cy)**2 * img).sum() + 1e-6))


def make_p9d_style(out_dir: str, seed: int = 0, size: int = 32, n_train: int = 150,
                   n_test: int = 30, n_query: int = 10, n_gallery: int = 30) -> None:
    """Write ``json/{train,test,query,gallery}.json``, ``train_images/``,
    ``gallery_images/`` and ``vocab.txt`` under ``out_dir`` (per industry:
    ``n_train`` train, ``n_test`` test pairs, ``n_query`` queries,
    ``n_gallery`` gallery items, all disjoint)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    rng = np.random.default_rng(seed)
    ink = digits.images.reshape(len(digits.images), -1).sum(1)
    med = {d: np.median(ink[digits.target == d]) for d in range(10)}
    for sub in ('json', 'train_images', 'gallery_images'):
        os.makedirs(osp.join(out_dir, sub), exist_ok=True)
    train, test, query, gallery = {}, {}, {}, {}
    for industry, group in zip(MINI_P9D_TASKS, _GROUPS):
        idx = rng.permutation(np.flatnonzero(np.isin(digits.target, group)))
        cuts = np.cumsum([n_train, n_test, n_query, n_gallery])
        if cuts[-1] > len(idx):
            raise ValueError(f'mini P9D: {industry} has only {len(idx)} digits.')
        parts = np.split(idx[:cuts[-1]], cuts[:-1])
        train[industry] = {}
        for part, table, folder in zip(parts, (None, test, query, gallery),
                                       ('train_images', 'gallery_images', 'gallery_images',
                                        'gallery_images')):
            for i in part:
                d = int(digits.target[i])
                img = digits.images[i]
                s = _slant(img)
                title = (f'handwritten digit {_NAMES[d]}, '
                         f'{"thick" if ink[i] > med[d] else "thin"} stroke, ' +
                         ('slanted right' if s > 0.15 else
                          'slanted left' if s < -0.15 else 'upright'))
                item_id = f'{folder[0]}{int(i):05d}'
                rec = dict(title=title, cate_name=_NAMES[d])
                if table is None:
                    train[industry][item_id] = rec
                else:
                    rec['industry_name'] = industry
                    table[item_id] = rec
                pix = cv2.resize((img / 16.0 * 255).astype(np.uint8), (size, size),
                                 interpolation=cv2.INTER_LINEAR)
                cv2.imwrite(osp.join(out_dir, folder, f'{item_id}.jpg'),
                            np.repeat(pix[..., None], 3, axis=2), [cv2.IMWRITE_JPEG_QUALITY, 95])
    for name, table in (('train', train), ('test', test), ('query', query),
                        ('gallery', gallery)):
        with open(osp.join(out_dir, 'json', f'{name}.json'), 'w', encoding='utf-8') as f:
            json.dump(table, f, ensure_ascii=False, indent=1)
    write_toy_vocab(osp.join(out_dir, 'vocab.txt'))
