# Copyright (c) mmcontrast contributors. All rights reserved.
"""FG-NET leave-one-person-out driver (age.md §4-§6): train/test every fold, pool predictions.

For fold k the k-th subject (sorted ids of the annotation) is held out: every
``FaceAgeDataset`` of the train loader gets ``lopo_fold=k, lopo_split='train'``,
those of the val/test loaders ``lopo_split='test'``. Each fold runs
``tools/train.py`` then ``tools/test.py`` in its own process and folder
``<work-dir>/fold_<k>``; several folds run at once with ``--jobs`` (one GPU
each with ``--gpus``). The per-image predictions are pooled (the protocol's
MAE over all test images, not the mean of fold MAEs; both are written).

Resumable: a fold with ``preds.json`` is done; a fold with a checkpoint but no
predictions is only tested; a fold with a partial training resumes it.

    python tools/age_lopo.py configs/age/agecl_resnet50_1xb32-30e_fgnet-lopo.py --gpus 8
    python tools/age_lopo.py configs/age/agecl_resnet18-cifar_1xb32-1e_mini-face-age-lopo-32x32.py \
        --folds 3 --jobs 2 --work-dir work_dirs/age_lopo_tiny
"""
import argparse
import copy
import json
import os
import os.path as osp
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import numpy as np

HERE = osp.dirname(osp.abspath(__file__))


def set_fold(node, fold: int, split: str) -> int:
    """Set ``lopo_fold``/``lopo_split`` on every FaceAgeDataset dict below ``node``."""
    count = 0
    if isinstance(node, dict):
        if node.get('type') == 'FaceAgeDataset':
            node['lopo_fold'], node['lopo_split'] = fold, split
            count += 1
        for v in node.values():
            count += set_fold(v, fold, split)
    elif isinstance(node, (list, tuple)):
        for v in node:
            count += set_fold(v, fold, split)
    return count


def fold_config(cfg, fold: int, fold_dir: str) -> str:
    """Write the fold's config (datasets restricted, predictions dumped) and return its path."""
    cfg = copy.deepcopy(cfg)
    if not set_fold(cfg.train_dataloader, fold, 'train'):
        raise ValueError('No FaceAgeDataset in train_dataloader: not a LOPO config.')
    for key in ('val_dataloader', 'test_dataloader'):
        if cfg.get(key):
            set_fold(cfg[key], fold, 'test')
    evaluators = cfg.test_evaluator
    evaluators = evaluators if isinstance(evaluators, (list, tuple)) else [evaluators]
    maes = [e for e in evaluators if e.get('type') == 'AgeMAE']
    if not maes:
        raise ValueError('test_evaluator needs an AgeMAE metric (it dumps the predictions).')
    maes[0]['dump_file'] = osp.join(fold_dir, 'preds.json')
    cfg.test_evaluator = list(evaluators)
    cfg.work_dir = fold_dir
    os.makedirs(fold_dir, exist_ok=True)
    path = osp.join(fold_dir, 'fold_config.py')
    cfg.dump(path)
    return path


def run_fold(cfg, fold: int, work_dir: str, gpu=None) -> str:
    fold_dir = osp.abspath(osp.join(work_dir, f'fold_{fold:03d}'))
    preds = osp.join(fold_dir, 'preds.json')
    if osp.exists(preds):
        return f'fold {fold}: done (resumed)'
    path = fold_config(cfg, fold, fold_dir)
    env = dict(os.environ)
    if gpu is not None:
        env['CUDA_VISIBLE_DEVICES'] = str(gpu)
    log = open(osp.join(fold_dir, 'driver.log'), 'a')
    last = osp.join(fold_dir, 'last_checkpoint')
    max_epochs = cfg.train_cfg.get('max_epochs')
    final = osp.join(fold_dir, f'epoch_{max_epochs}.pth') if max_epochs else None
    if not (final and osp.exists(final)):
        cmd = [sys.executable, osp.join(HERE, 'train.py'), path, '--work-dir', fold_dir]
        if osp.exists(last):
            cmd.append('--resume')
        subprocess.run(cmd, check=True, env=env, stdout=log, stderr=subprocess.STDOUT)
    with open(last) as f:
        ckpt = f.read().strip()
    subprocess.run([sys.executable, osp.join(HERE, 'test.py'), path, ckpt, '--work-dir',
                    fold_dir], check=True, env=env, stdout=log, stderr=subprocess.STDOUT)
    if not osp.exists(preds):
        raise RuntimeError(f'fold {fold}: test wrote no {preds}; see {fold_dir}/driver.log')
    return f'fold {fold}: trained and tested'


def pool(work_dir: str, folds, thetas=range(11)) -> dict:
    """Pooled MAE / CS curve over all folds' predictions (+ the per-fold mean, for contrast)."""
    from mmcontrast.pretrain.evaluation.age_metrics import (cumulative_score,
                                                            pooled_and_per_fold_mae)
    per_fold = []
    for k in folds:
        with open(osp.join(work_dir, f'fold_{k:03d}', 'preds.json')) as f:
            rows = json.load(f)
        per_fold.append(dict(pred=[r['pred'] for r in rows], gt=[r['gt'] for r in rows]))
    out = pooled_and_per_fold_mae(per_fold)
    pred = np.concatenate([f['pred'] for f in per_fold])
    gt = np.concatenate([f['gt'] for f in per_fold])
    cs = cumulative_score(pred, gt, list(thetas))
    out.update({f'cs@{t}': float(v) for t, v in zip(thetas, cs)})
    out.update(num_folds=len(per_fold), num_images=int(len(pred)))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('config')
    parser.add_argument('--work-dir', default=None)
    parser.add_argument('--folds', type=int, nargs='+', default=None,
                        help='one number N: folds 0..N-1; several: those folds; '
                        'default: every subject')
    parser.add_argument('--gpus', type=int, default=0, help='folds run one per GPU')
    parser.add_argument('--jobs', type=int, default=None,
                        help='folds at once (default: --gpus, or 1 on CPU)')
    args = parser.parse_args()

    sys.path.insert(0, osp.dirname(HERE))
    from mmengine.config import Config
    import mmcontrast.pretrain  # noqa: F401
    from mmcontrast.pretrain.datasets.face_age_annotations import load_annotations
    cfg = Config.fromfile(args.config)
    work_dir = args.work_dir or osp.join(
        'work_dirs', osp.splitext(osp.basename(args.config))[0])
    if args.folds is None or len(args.folds) == 1:
        ds = cfg.test_dataloader.dataset
        ann = osp.join(ds.get('data_root', ''), ds.ann_file)
        n_subj = len({str(it['subject_id']) for it in load_annotations(ann)})
        n = n_subj if args.folds is None else min(args.folds[0], n_subj)
        folds = list(range(n))
    else:
        folds = args.folds
    jobs = args.jobs or max(1, args.gpus)
    gpus = [None] * len(folds) if not args.gpus else [i % args.gpus for i in range(len(folds))]
    os.makedirs(work_dir, exist_ok=True)
    with ThreadPoolExecutor(jobs) as ex:
        futures = [ex.submit(run_fold, cfg, k, work_dir, g) for k, g in zip(folds, gpus)]
        for fut in futures:
            print(fut.result(), flush=True)
    result = pool(work_dir, folds)
    with open(osp.join(work_dir, 'lopo_results.json'), 'w') as f:
        json.dump(result, f, indent=1)
    print(json.dumps(result, indent=1))


if __name__ == '__main__':
    main()
