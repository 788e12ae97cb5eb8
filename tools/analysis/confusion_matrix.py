# Copyright (c) mmcontrast contributors. All rights reserved.
"""Confusion matrix of a segmentation or classification model on its test set.

mmseg/mmpretrain parity (``tools/analysis/confusion_matrix.py``) for every method: the second
argument is either a checkpoint (the test set is run through the config's test loop first) or
the prediction pickle of ``tools/test.py CONFIG CKPT --out preds.pkl``. Segmentation samples
(``pred_sem_seg``/``gt_sem_seg``; ICPC, SMMCL, FOCAL, lanes) count pixels, ignoring labels
outside the classes (255); classification samples (``pred_label``/``gt_label``; CoNe) count
images. Writes ``SAVE_DIR/confusion_matrix.png`` (row-normalised, counts in the cells) and
``SAVE_DIR/confusion_matrix.json`` (classes, raw counts).

Usage::

    python tools/analysis/confusion_matrix.py CONFIG CKPT_OR_PKL SAVE_DIR [--cfg-options ...]
"""
import argparse
import json
import os
import os.path as osp
import tempfile
from typing import List, Sequence

import numpy as np
from mmengine.config import Config, DictAction


def _classes(cfg: Config) -> List[str]:
    """Class names of the test dataset (built once, in the config's scope)."""
    import importlib

    from mmengine.registry import DATASETS, init_default_scope
    for mod in cfg.get('custom_imports', {}).get('imports', []):
        importlib.import_module(mod)
    init_default_scope(cfg.get('default_scope', 'mmseg'))
    dataset = DATASETS.build(cfg.test_dataloader.dataset)
    classes = dataset.metainfo.get('classes')
    if not classes:
        raise ValueError('the test dataset has no metainfo["classes"]')
    return list(classes)


def _tensor(x):
    if isinstance(x, dict):
        x = x.get('data', x.get('label'))
    return np.asarray(x.cpu().numpy() if hasattr(x, 'cpu') else x)


def compute(results: Sequence[dict], num_classes: int) -> np.ndarray:
    """(num_classes, num_classes) counts, rows = ground truth, columns = prediction."""
    matrix = np.zeros((num_classes, num_classes), dtype=np.int64)
    for r in results:
        if 'pred_sem_seg' in r and 'gt_sem_seg' in r:
            pred = _tensor(r['pred_sem_seg']).reshape(-1)
            gt = _tensor(r['gt_sem_seg']).reshape(-1)
            if pred.shape != gt.shape:
                raise ValueError(f'{r.get("img_path")}: prediction {pred.shape} and ground '
                                 f'truth {gt.shape} differ in size')
        elif 'pred_label' in r and 'gt_label' in r:
            pred = _tensor(r['pred_label']).reshape(-1)[:1]
            gt = _tensor(r['gt_label']).reshape(-1)[:1]
        else:
            raise KeyError('a result has neither pred_sem_seg/gt_sem_seg nor '
                           'pred_label/gt_label; was the test set annotated?')
        keep = (gt >= 0) & (gt < num_classes) & (pred >= 0) & (pred < num_classes)
        np.add.at(matrix, (gt[keep].astype(np.int64), pred[keep].astype(np.int64)), 1)
    return matrix


def plot(matrix: np.ndarray, classes: Sequence[str], out: str, title: str = '') -> None:
    import matplotlib
    matplotlib.use('Agg', force=False)
    import matplotlib.pyplot as plt
    norm = matrix / np.maximum(matrix.sum(1, keepdims=True), 1)
    n = len(classes)
    size = max(4., 0.5 * n + 2)
    fig, ax = plt.subplots(figsize=(size, size), dpi=100)
    im = ax.imshow(norm, cmap='Blues', vmin=0, vmax=1)
    fig.colorbar(im, ax=ax, fraction=0.046)
    ax.set_xticks(range(n), classes, rotation=45, ha='right', fontsize=8)
    ax.set_yticks(range(n), classes, fontsize=8)
    ax.set_xlabel('prediction')
    ax.set_ylabel('ground truth')
    if n <= 30:
        for i in range(n):
            for j in range(n):
                ax.text(j, i, f'{100 * norm[i, j]:.0f}', ha='center', va='center', fontsize=6,
                        color='white' if norm[i, j] > 0.5 else 'black')
    ax.set_title(title or 'confusion matrix (%, rows = ground truth)', fontsize=9)
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)


def _predict(cfg: Config, checkpoint: str, work_dir: str) -> str:
    """Run the config's test loop on ``checkpoint``; return the prediction pickle path."""
    from mmengine.evaluator import DumpResults
    from mmengine.runner import Runner

    from mmcontrast.utils import prepare_cpu_distributed
    cfg.load_from = checkpoint
    cfg.work_dir = work_dir
    cfg.launcher = 'none'
    prepare_cpu_distributed(cfg)
    runner = Runner.from_cfg(cfg)
    pkl = osp.join(work_dir, 'predictions.pkl')
    runner.test_evaluator.metrics.append(DumpResults(out_file_path=pkl))
    runner.test()
    return pkl


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument('ckpt_or_result', help='checkpoint (.pth) or predictions (.pkl)')
    parser.add_argument('save_dir')
    parser.add_argument('--title', default='')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction)
    args = parser.parse_args()

    import mmengine

    import mmcontrast  # noqa: F401  (mmcontrast:: configs, checkpoint compat)
    cfg = Config.fromfile(args.config)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    os.makedirs(args.save_dir, exist_ok=True)
    if args.ckpt_or_result.endswith('.pkl'):
        pkl = args.ckpt_or_result
    else:
        pkl = _predict(cfg.copy(), args.ckpt_or_result,
                       tempfile.mkdtemp(prefix='confusion_', dir=args.save_dir))
    results = mmengine.load(pkl)
    classes = _classes(cfg)
    matrix = compute(results, len(classes))
    plot(matrix, classes, osp.join(args.save_dir, 'confusion_matrix.png'), args.title)
    with open(osp.join(args.save_dir, 'confusion_matrix.json'), 'w') as f:
        json.dump(dict(classes=classes, matrix=matrix.tolist()), f)
    acc = np.trace(matrix) / max(matrix.sum(), 1)
    print(f'confusion matrix of {len(results)} samples, {len(classes)} classes, '
          f'accuracy {100 * acc:.2f}%: {args.save_dir}/confusion_matrix.png')


if __name__ == '__main__':
    main()
