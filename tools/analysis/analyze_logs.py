# Copyright (c) mmcontrast contributors. All rights reserved.
"""Plot losses/metrics and report iteration time from mmengine json logs.

mmseg/mmpretrain parity (``tools/analysis/analyze_logs.py``) for the json logs mmengine writes
to ``<work_dir>/<timestamp>/vis_data/<timestamp>.json`` (or ``scalars.json``): one dict per
logged step; training lines carry ``lr``, validation lines do not.

Usage::

    python tools/analysis/analyze_logs.py plot_curve LOG.json [LOG2.json ...] \\
        --keys loss mIoU --legend run1 run2 --out curves.png
    python tools/analysis/analyze_logs.py cal_train_time LOG.json
"""
import argparse
import json
import os.path as osp
from collections import defaultdict
from typing import Dict, List

import numpy as np


def load_json_log(path: str) -> Dict[str, Dict[str, List[float]]]:
    """Read an mmengine json log.

    Returns:
        dict: ``{'train': {key: [..], 'step': [..]}, 'val': {...}}``; ``step`` is the
        iteration (or epoch for epoch-based validation lines) of each entry.
    """
    if not osp.isfile(path):
        raise FileNotFoundError(f'{path} does not exist; pass the json log under '
                                '<work_dir>/<timestamp>/vis_data/')
    out = {'train': defaultdict(list), 'val': defaultdict(list)}
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                entry = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f'{path}:{n} is not json ({e}); is this an mmengine json '
                                 'log (vis_data/*.json)?') from None
            mode = 'train' if 'lr' in entry else 'val'
            step = entry.get('iter', entry.get('step', entry.get('epoch', n)))
            for k, v in entry.items():
                if isinstance(v, (int, float)) and k not in ('step', 'iter', 'epoch'):
                    out[mode][k].append((step, float(v)))
    return {m: {k: v for k, v in d.items()} for m, d in out.items()}


def plot_curve(logs: List[str], keys: List[str], legend: List[str] = None,
               title: str = None, out: str = None, backend: str = 'Agg'):
    """Plot ``keys`` (train or val entries, whichever holds them) of every log."""
    import matplotlib
    matplotlib.use(backend, force=False)
    import matplotlib.pyplot as plt
    legend = legend or [f'{osp.basename(p)}' for p in logs]
    if len(legend) != len(logs):
        raise ValueError(f'--legend has {len(legend)} names for {len(logs)} logs')
    fig, axes = plt.subplots(len(keys), 1, figsize=(6, 3 * len(keys)), squeeze=False)
    for ax, key in zip(axes[:, 0], keys):
        found = False
        for path, name in zip(logs, legend):
            data = load_json_log(path)
            for mode in ('train', 'val'):
                if key in data[mode]:
                    xs, ys = zip(*data[mode][key])
                    ax.plot(xs, ys, marker='o' if mode == 'val' else None, markersize=3,
                            label=f'{name} {mode} {key}')
                    found = True
        if not found:
            avail = sorted({k for p in logs for d in load_json_log(p).values() for k in d})
            raise KeyError(f'{key!r} is in none of the logs; available: {avail}')
        ax.set_xlabel('iter')
        ax.set_ylabel(key)
        ax.legend(fontsize=7)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    if out:
        fig.savefig(out)
        print(f'save curve to: {out}')
    else:
        plt.show()
    plt.close(fig)


def cal_train_time(logs: List[str], include_outliers: bool = False) -> List[dict]:
    """Average/slowest/fastest training ``time`` per logged iteration of each log."""
    stats = []
    for path in logs:
        times = [v for _, v in load_json_log(path)['train'].get('time', [])]
        if not times:
            raise ValueError(f'{path} has no training "time" entries')
        t = np.array(times if include_outliers or len(times) < 2 else times[1:])
        s = dict(log=path, avg=float(t.mean()), std=float(t.std()), slowest=float(t.max()),
                 fastest=float(t.min()))
        print(f'-----Analyze train time of {path}-----')
        print(f'average iter time: {s["avg"]:.4f} s/iter, std {s["std"]:.4f}, '
              f'slowest {s["slowest"]:.4f}, fastest {s["fastest"]:.4f}')
        stats.append(s)
    return stats


def main():
    parser = argparse.ArgumentParser(description='Analyze mmengine json logs')
    sub = parser.add_subparsers(dest='task', required=True)
    p = sub.add_parser('plot_curve', help='plot losses/metrics')
    p.add_argument('json_logs', nargs='+')
    p.add_argument('--keys', nargs='+', default=['loss'])
    p.add_argument('--legend', nargs='+', default=None)
    p.add_argument('--title', default=None)
    p.add_argument('--out', default=None, help='image file (shown in a window when absent)')
    p.add_argument('--backend', default='Agg', help='matplotlib backend (Agg: file only)')
    t = sub.add_parser('cal_train_time', help='iteration time statistics')
    t.add_argument('json_logs', nargs='+')
    t.add_argument('--include-outliers', action='store_true',
                   help='keep the first logged iteration (warm-up)')
    args = parser.parse_args()
    if args.task == 'plot_curve':
        plot_curve(args.json_logs, args.keys, args.legend, args.title, args.out, args.backend)
    else:
        cal_train_time(args.json_logs, args.include_outliers)


if __name__ == '__main__':
    main()
