# Copyright (c) mmcontrast contributors. All rights reserved.
"""DCCL 5-fold protocol: per fold, pretrain on the other folds, fine-tune, test; mean ± std.

    python tools/dccl_5fold.py PRETRAIN_CFG DOWNSTREAM_CFG [--folds 0 1 2 3 4] \
        [--work-dir work_dirs/dccl_5fold] [--no-pretrain] [--checkpoint CKPT]

For fold k the pretraining config runs with its ``fold=k`` datasets (folds != k), the
downstream config loads the last pretraining checkpoint into its backbone
(``model.backbone.init_cfg.checkpoint``), trains on folds != k and is tested on fold k
(``tools/test.py --out``). ``--no-pretrain`` keeps the downstream config's own init
(random init: pass ``--cfg-options model.backbone.init_cfg=None`` via ``--down-options``);
``--checkpoint`` uses one fixed checkpoint for every fold. Prints and writes
``summary.json`` with the per-fold and mean ± std ``auc/case`` and ``auc/slice``.
"""
import argparse
import glob
import json
import os
import os.path as osp
import subprocess
import sys

import numpy as np

HERE = osp.dirname(osp.abspath(__file__))


def _fold_options(k, num_folds):
    train = [f for f in range(num_folds) if f != k]
    t = str(train).replace(' ', '')
    return [f'train_dataloader.dataset.folds={t}', f'val_dataloader.dataset.folds=[{k}]',
            f'test_dataloader.dataset.folds=[{k}]']


def _last_ckpt(work_dir):
    with open(osp.join(work_dir, 'last_checkpoint')) as f:
        return f.read().strip()


def _run(args):
    print('+', ' '.join(args), flush=True)
    subprocess.run([sys.executable] + args, check=True)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('pretrain_config')
    ap.add_argument('downstream_config')
    ap.add_argument('--folds', type=int, nargs='+', default=[0, 1, 2, 3, 4])
    ap.add_argument('--num-folds', type=int, default=5)
    ap.add_argument('--work-dir', default='work_dirs/dccl_5fold')
    ap.add_argument('--no-pretrain', action='store_true')
    ap.add_argument('--checkpoint', default=None)
    ap.add_argument('--pre-options', nargs='*', default=[])
    ap.add_argument('--down-options', nargs='*', default=[])
    a = ap.parse_args(argv)
    results = {}
    for k in a.folds:
        fold_dir = osp.join(a.work_dir, f'fold{k}')
        opts = _fold_options(k, a.num_folds)
        ckpt = a.checkpoint
        if not a.no_pretrain and ckpt is None:
            pre_dir = osp.join(fold_dir, 'pretrain')
            _run([osp.join(HERE, 'train.py'), a.pretrain_config, '--work-dir', pre_dir,
                  '--cfg-options', opts[0], *a.pre_options])
            ckpt = _last_ckpt(pre_dir)
        down_opts = opts + list(a.down_options)
        if ckpt is not None:
            down_opts.append(f'model.backbone.init_cfg.checkpoint={ckpt}')
        down_dir = osp.join(fold_dir, 'downstream')
        _run([osp.join(HERE, 'train.py'), a.downstream_config, '--work-dir', down_dir,
              '--cfg-options', *down_opts])
        out = osp.join(fold_dir, 'test_metrics.json')
        best = sorted(glob.glob(osp.join(down_dir, 'best_*.pth')))
        _run([osp.join(HERE, 'test.py'), a.downstream_config,
              best[-1] if best else _last_ckpt(down_dir), '--work-dir', down_dir, '--out', out,
              '--out-item', 'metrics', '--cfg-options', *down_opts])
        with open(out) as f:
            results[k] = json.load(f)
    summary = dict(folds=results)
    for key in ('auc/case', 'auc/slice'):
        v = np.array([r[key] for r in results.values()], dtype=float)
        summary[key] = dict(mean=float(np.nanmean(v)), std=float(np.nanstd(v)))
        print(f'{key}: {np.nanmean(v):.2f} ± {np.nanstd(v):.2f} over folds {a.folds}')
    os.makedirs(a.work_dir, exist_ok=True)
    with open(osp.join(a.work_dir, 'summary.json'), 'w') as f:
        json.dump(summary, f, indent=2)


if __name__ == '__main__':
    main()
