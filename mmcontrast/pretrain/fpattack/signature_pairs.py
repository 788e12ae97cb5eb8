# Copyright (c) mmcontrast contributors. All rights reserved.
"""Pair CSVs for CEDAR and BHSig260 with a fixed seed (fpattack.md §4, §7.5).

The port splits writers with an unseeded ``train_test_split`` and builds Hindi
paths with the Bengali prefix; here both the writer split and the pair
sampling use one ``numpy`` generator seeded explicitly, and each language has
its own prefix. CSV rows: ``path1,path2,label`` (no header; paths relative to
the dataset root; label 1 = genuine-genuine, 0 = genuine-forged).
"""
import csv
import itertools
import os
import os.path as osp
from typing import Dict, List, Sequence, Tuple

import numpy as np

#: name -> (n_writers, n_genuine, n_forged, n_test_writers, n_val_writers)
LAYOUTS = {
    'cedar': (55, 24, 24, 5, 5),
    'bhsig260-bengali': (100, 24, 30, 50, 10),
    'bhsig260-hindi': (160, 24, 30, 60, 10),
}


def signature_path(dataset: str, writer: int, index: int, genuine: bool) -> str:
    """Relative path of one signature in the published layout."""
    if dataset == 'cedar':
        return (f'full_org/original_{writer}_{index}.png' if genuine else
                f'full_forg/forgeries_{writer}_{index}.png')
    if dataset.startswith('bhsig260-'):
        lang = dataset.split('-', 1)[1].capitalize()
        prefix = lang[0]  # B (Bengali) / H (Hindi): the port used B for both
        kind = 'G' if genuine else 'F'
        return f'{lang}/{writer:03d}/{prefix}-S-{writer}-{kind}-{index:02d}.tif'
    raise ValueError(f'Unknown signature dataset {dataset!r}; choose from {sorted(LAYOUTS)}.')


def writer_pairs(dataset: str, writer: int, n_genuine: int, n_forged: int,
                 rng: np.random.Generator) -> List[Tuple[str, str, int]]:
    """All C(n_genuine, 2) genuine pairs + as many sampled genuine-forged pairs."""
    gen = [signature_path(dataset, writer, i, True) for i in range(1, n_genuine + 1)]
    forg = [signature_path(dataset, writer, i, False) for i in range(1, n_forged + 1)]
    pos = [(a, b, 1) for a, b in itertools.combinations(gen, 2)]
    combos = [(a, b) for a in gen for b in forg]
    pick = rng.choice(len(combos), size=min(len(pos), len(combos)), replace=False)
    neg = [(combos[k][0], combos[k][1], 0) for k in sorted(pick)]
    return pos + neg


def make_pair_csvs(dataset: str, root: str, out_dir: str, seed: int = 0,
                   n_writers: int = None, n_genuine: int = None, n_forged: int = None,
                   n_test: int = None, n_val: int = None,
                   check_files: bool = True) -> Dict[str, str]:
    """Write ``train.csv``, ``val.csv`` (validation writers held out of the
    training writers, where τ is chosen) and ``test.csv`` under ``out_dir``.

    Args:
        dataset (str): one of :data:`LAYOUTS`.
        root (str): dataset root (the folder holding ``full_org``/``Bengali``...).
        out_dir (str): where the CSVs go.
        seed (int): seed of the writer split and of the pair sampling.
        n_writers, n_genuine, n_forged, n_test, n_val (int, optional):
            override the published counts (mini sets).
        check_files (bool): raise if a listed image is missing.

    Returns:
        dict: split -> CSV path.
    """
    if dataset not in LAYOUTS:
        raise ValueError(f'Unknown signature dataset {dataset!r}; choose from {sorted(LAYOUTS)}.')
    dw, dg, df, dt, dv = LAYOUTS[dataset]
    n_writers, n_genuine, n_forged = n_writers or dw, n_genuine or dg, n_forged or df
    n_test = dt if n_test is None else n_test
    n_val = dv if n_val is None else n_val
    if n_test + n_val >= n_writers:
        raise ValueError(f'n_test + n_val ({n_test}+{n_val}) must be < n_writers {n_writers}.')
    rng = np.random.default_rng(seed)
    writers = rng.permutation(np.arange(1, n_writers + 1)).tolist()
    splits = dict(test=sorted(writers[:n_test]), val=sorted(writers[n_test:n_test + n_val]),
                  train=sorted(writers[n_test + n_val:]))
    os.makedirs(out_dir, exist_ok=True)
    out = {}
    for split in ('train', 'val', 'test'):
        rows = []
        for w in splits[split]:
            rows += writer_pairs(dataset, w, n_genuine, n_forged, rng)
        if check_files:
            missing = [p for r in rows for p in r[:2]
                       if not osp.exists(osp.join(root, p))]
            if missing:
                raise FileNotFoundError(
                    f'{len(missing)} signature files missing under {root!r}, e.g. '
                    f'{missing[0]!r}; is this the {dataset} layout (fpattack.md §4)?')
        path = osp.join(out_dir, f'{split}.csv')
        with open(path, 'w', newline='') as f:
            csv.writer(f).writerows(rows)
        out[split] = path
    return out


def read_pair_csv(path: str) -> List[Tuple[str, str, int, int]]:
    """Rows ``(path1, path2, label, correctly_pred)``; correctly_pred = -1 if absent."""
    rows = []
    with open(path, newline='') as f:
        for ln, row in enumerate(csv.reader(f), 1):
            if not row or not ''.join(row).strip():
                continue
            if len(row) not in (3, 4) or row[2].strip() not in ('0', '1'):
                raise ValueError(f'{path}:{ln}: expected "path1,path2,label[,correctly_pred]" '
                                 f'with label 0/1, got {row!r}.')
            corr = int(float(row[3])) if len(row) == 4 else -1
            rows.append((row[0].strip(), row[1].strip(), int(row[2]), corr))
    if not rows:
        raise ValueError(f'{path}: no pairs.')
    return rows


__all__: Sequence[str] = ['LAYOUTS', 'signature_path', 'make_pair_csvs', 'read_pair_csv']
