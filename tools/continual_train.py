# Copyright (c) mmcontrast contributors. All rights reserved.
"""Continual pretraining driver (CTP): one ``tools/train.py`` run per task.

Task k runs ``tools/train.py CONFIG --work-dir WORK/task{k} --cfg-options
model.task_id=k {train,val,test}_dataloader.dataset.task_id=k
load_from=<task k-1's last checkpoint>`` (a fresh optimizer and schedule per
task; the model's ``CTPTaskStartHook`` takes the momentum/reference copies
at iteration 0). After each task the end-of-task validation metrics are read
from the run's ``scalars.json`` and ``WORK/task{k}/continual_done.json`` is
written. Re-running the command skips finished tasks and resumes an
interrupted one (``--resume``), so a sequence continues from the last
finished task. At the end the continual matrix ``R[t][j]`` (mean R@1 on
task j's own test slice after task t), final average, forgetting and BWT go
to ``WORK/continual_results.{json,md}``.

Usage::

    python tools/continual_train.py CONFIG [--work-dir W] [--num-tasks K]
        [--launcher {none,pytorch}] [--nproc N] [--test] [--cfg-options k=v ...]
"""
import argparse
import glob
import json
import os
import os.path as osp
import socket
import subprocess
import sys
from typing import Dict, List, Optional

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
KEY = 'cross_modal/task{}_r1_mean'


def parse_args():
    p = argparse.ArgumentParser(description='Train a config task after task (CTP).')
    p.add_argument('config')
    p.add_argument('--work-dir', help='defaults to work_dirs/<config name>')
    p.add_argument('--num-tasks', type=int, help='run only the first K tasks')
    p.add_argument('--launcher', choices=['none', 'pytorch'], default='none')
    p.add_argument('--nproc', type=int, default=1, help='processes per task (pytorch)')
    p.add_argument('--test', action='store_true',
                   help='also run tools/test.py (multimodal mAP) after each task')
    p.add_argument('--cfg-options', nargs='+', default=[], help='passed to every task')
    return p.parse_args()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def _launch(script: str, args: List[str], launcher: str, nproc: int) -> None:
    if launcher == 'pytorch':
        cmd = [sys.executable, '-m', 'torch.distributed.run', f'--nproc_per_node={nproc}',
               f'--master_port={_free_port()}', script, *args, '--launcher', 'pytorch']
    else:
        cmd = [sys.executable, script, *args]
    print('+', ' '.join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=os.getcwd())


def _last_checkpoint(work_dir: str) -> Optional[str]:
    path = osp.join(work_dir, 'last_checkpoint')
    if osp.isfile(path):
        with open(path) as f:
            ckpt = f.read().strip()
        if osp.isfile(ckpt):
            return ckpt
    return None


def _last_metrics(work_dir: str, must_have: str) -> Dict[str, float]:
    """The last scalars record holding ``must_have`` over the runs in ``work_dir``."""
    best, best_ts = None, ''
    # training runs: <ts>/vis_data/scalars.json; tools/test.py: <ts>/<ts>.json
    paths = glob.glob(osp.join(work_dir, '*', 'vis_data', 'scalars.json')) + glob.glob(
        osp.join(work_dir, '*', '*.json'))
    for path in paths:
        ts = osp.basename(osp.dirname(osp.dirname(path))) if path.endswith(
            'scalars.json') else osp.basename(osp.dirname(path))
        with open(path) as f:
            for line in f:
                rec = json.loads(line)
                if must_have in rec and ts >= best_ts:
                    best, best_ts = rec, ts
    if best is None:
        raise RuntimeError(f'no {must_have!r} record in the logs under {work_dir}: '
                           'the config must validate with CrossModalRecall at the end of '
                           'training (train_cfg.val_interval = max_epochs).')
    return best


def continual_summary(metrics: List[Dict[str, float]]) -> dict:
    """Continual matrix and summary numbers from per-task metric dicts."""
    n = len(metrics)
    R = [[metrics[t].get(KEY.format(j)) for j in range(t + 1)] for t in range(n)]
    out = dict(R=R, tasks=n,
               cumulative={k: [m.get(f'cross_modal/{k}') for m in metrics]
                           for k in ('tr1', 'ir1', 'r1_mean', 'r_mean')})
    last = R[-1]
    out['final_average'] = sum(last) / len(last)
    if n > 1:
        out['forgetting'] = sum(max(R[t][j] for t in range(j, n - 1)) - last[j]
                                for j in range(n - 1)) / (n - 1)
        out['bwt'] = sum(last[j] - R[j][j] for j in range(n - 1)) / (n - 1)
    for k in ('mAP@1', 'mAP@5', 'mAP@10'):
        vals = [m.get(f'multimodal/{k}') for m in metrics]
        if any(v is not None for v in vals):
            out.setdefault('multimodal', {})[k] = vals
    return out


def to_markdown(summary: dict, title: str) -> str:
    n = summary['tasks']
    lines = [f'### {title}', '',
             '| after task | ' + ' | '.join(f'R@1 task {j}' for j in range(n)) +
             ' | cum. TR@1 | cum. IR@1 |',
             '|---|' + '---|' * (n + 2)]
    for t in range(n):
        row = [f'{summary["R"][t][j]:.1f}' if j <= t else '' for j in range(n)]
        lines.append(f'| {t} | ' + ' | '.join(row) +
                     f' | {summary["cumulative"]["tr1"][t]:.1f} | '
                     f'{summary["cumulative"]["ir1"][t]:.1f} |')
    lines.append('')
    extra = [f'final average {summary["final_average"]:.2f}']
    if 'forgetting' in summary:
        extra += [f'forgetting {summary["forgetting"]:.2f}', f'BWT {summary["bwt"]:.2f}']
    lines.append(', '.join(extra))
    return '\n'.join(lines) + '\n'


def main():
    args = parse_args()
    from mmengine.config import Config
    cfg = Config.fromfile(args.config)
    tasks = cfg.train_dataloader.dataset.get('tasks')
    if not tasks:
        raise ValueError(f'{args.config}: train_dataloader.dataset.tasks is missing.')
    num = len(tasks) if args.num_tasks is None else min(args.num_tasks, len(tasks))
    work = args.work_dir or osp.join('work_dirs', osp.splitext(osp.basename(args.config))[0])
    os.makedirs(work, exist_ok=True)
    train_py = osp.join(ROOT, 'tools', 'train.py')
    test_py = osp.join(ROOT, 'tools', 'test.py')
    metrics, prev = [], None
    for k in range(num):
        tdir = osp.join(work, f'task{k}')
        done = osp.join(tdir, 'continual_done.json')
        if osp.isfile(done):
            with open(done) as f:
                rec = json.load(f)
            metrics.append(rec['metrics'])
            prev = rec['checkpoint']
            print(f'task {k}: finished earlier, skipped', flush=True)
            continue
        opts = [f'model.task_id={k}'] + [
            f'{d}_dataloader.dataset.task_id={k}' for d in ('train', 'val', 'test')
        ] + list(args.cfg_options)
        if prev is not None:
            opts.append(f'load_from={prev}')
        targs = [args.config, '--work-dir', tdir]
        if _last_checkpoint(tdir) is not None:
            targs.append('--resume')  # interrupted mid-task: keep its copies and queues
        _launch(train_py, targs + ['--cfg-options', *opts], args.launcher, args.nproc)
        ckpt = _last_checkpoint(tdir)
        if ckpt is None:
            raise RuntimeError(f'task {k} wrote no checkpoint in {tdir}.')
        rec = _last_metrics(tdir, KEY.format(k))
        if args.test:
            _launch(test_py, [args.config, ckpt, '--work-dir', osp.join(tdir, 'test'),
                              '--cfg-options', *opts[:4], *args.cfg_options],
                    args.launcher, args.nproc)
            rec.update(_last_metrics(osp.join(tdir, 'test'), 'multimodal/mAP@1'))
        with open(done, 'w') as f:
            json.dump(dict(metrics=rec, checkpoint=ckpt), f, indent=1)
        metrics.append(rec)
        prev = ckpt
    summary = continual_summary(metrics)
    summary['config'] = args.config
    with open(osp.join(work, 'continual_results.json'), 'w') as f:
        json.dump(summary, f, indent=1)
    md = to_markdown(summary, osp.basename(args.config))
    with open(osp.join(work, 'continual_results.md'), 'w') as f:
        f.write(md)
    print(md)


if __name__ == '__main__':
    main()
