# Copyright (c) mmcontrast contributors. All rights reserved.
"""TuSimple-style lane detection set (native layout, 1280x720).

``clips/<date>/<clip>/20.jpg`` with JSON-lines annotation files
``label_data_0313.json``, ``label_data_0531.json``, ``label_data_0601.json``
(train+val) and ``test_label.json`` (test; ``test_tasks_0627.json`` is the
same without lanes). Each line is ``{"lanes": [[x, ...], ...], "h_samples":
[160, 170, ..., 710], "raw_file": "clips/..."}`` with ``-2`` where a lane is
absent at that row. Scenes are rendered like the mini CULane set.
"""
import json
import os
import os.path as osp

import cv2
import numpy as np

from .culane import render_road
from .sources import bundled_photos

TUSIMPLE_SIZE = (720, 1280)  # (H, W)
H_SAMPLES = list(range(160, 720, 10))


def tusimple_lanes(lanes, h_samples=H_SAMPLES):
    """Per-lane x at each ``h_samples`` row, -2 where absent (existing lanes only)."""
    out = []
    for pts in lanes:
        if pts is None:
            continue
        ys = pts[:, 1]
        xs = np.interp(h_samples, ys[::-1], pts[::-1, 0])
        valid = (np.asarray(h_samples) >= ys.min()) & (np.asarray(h_samples) <= ys.max())
        out.append([int(round(x)) if v else -2 for x, v in zip(xs, valid)])
    return out


def make_tusimple_style(out_dir: str, seed: int = 0, n_per_train_file: int = 6,
                        n_test: int = 8) -> None:
    """Write the mini TuSimple set under ``out_dir`` (see module docstring)."""
    rng = np.random.default_rng(seed)
    photos = bundled_photos()
    files = [('label_data_0313.json', '0313-1', n_per_train_file),
             ('label_data_0531.json', '0531', n_per_train_file),
             ('label_data_0601.json', '0601', n_per_train_file),
             ('test_label.json', '0530', n_test)]
    for name, date, n in files:
        records = []
        for i in range(n):
            cat = 'curve' if i % 3 == 2 else 'normal'
            img, lanes = render_road(rng, photos, TUSIMPLE_SIZE, cat, slots=4)
            raw = f'clips/{date}/{1490000000 + i}/20.jpg'
            path = osp.join(out_dir, raw)
            os.makedirs(osp.dirname(path), exist_ok=True)
            cv2.imwrite(path, img[..., ::-1], [cv2.IMWRITE_JPEG_QUALITY, 90])
            records.append(dict(lanes=tusimple_lanes(lanes), h_samples=H_SAMPLES, raw_file=raw))
        with open(osp.join(out_dir, name), 'w') as f:
            f.write('\n'.join(json.dumps(r) for r in records) + '\n')
        if name == 'test_label.json':
            with open(osp.join(out_dir, 'test_tasks_0627.json'), 'w') as f:
                f.write('\n'.join(json.dumps(dict(h_samples=r['h_samples'], lanes=[],
                                                  raw_file=r['raw_file'], run_time=0))
                                  for r in records) + '\n')
