# Copyright (c) mmcontrast contributors. All rights reserved.
"""CTP benchmarks, one run (CPU by default; CUDA when available and --device cuda).

1. Momentum blend: CompatibleMomentumRule (``torch._foreach_*`` over parameter lists) vs a
   per-tensor Python loop, on ViT-S/16-shaped parameter lists (three copies).
2. Training step: CTP (5 losses, task >= 1) vs SeqF (ITC + MLM) on the tiny mini-P9D model
   (ratio of wall time per step).
3. Gallery scoring peak memory: chunked top-k (``chunked_topk``, 512 x 512 blocks) vs the full
   query x gallery matrix at the spec's sizes (4,615 queries x 46,855 gallery items) with
   small feature dims (D=16), each in a fresh subprocess (peak RSS above the baseline).

Usage::

    python benchmarks/ctp_step_momentum_eval.py [--device cpu|cuda] [--repeats N]
"""
import argparse
import os
import subprocess
import sys
import time

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _time(fn, repeats):
    fn()
    t = time.perf_counter()
    for _ in range(repeats):
        fn()
    if torch.cuda.is_available():
        torch.cuda.synchronize()
    return (time.perf_counter() - t) / repeats


def bench_momentum(device, repeats):
    from mmcontrast.contrastive.teacher import CompatibleMomentumRule
    g = torch.Generator().manual_seed(0)
    shapes = []
    for _ in range(12):  # ViT-S/16 blocks: 384-d, MLP 1536
        shapes += [(1152, 384), (1152, ), (384, 384), (384, ), (1536, 384), (1536, ),
                   (384, 1536), (384, ), (384, ), (384, ), (384, ), (384, )]
    mk = lambda: [torch.randn(s, generator=g).to(device) for s in shapes]  # noqa: E731
    avg, src, ref = mk(), mk(), mk()
    rule = CompatibleMomentumRule()
    fused = _time(lambda: rule(avg, src, 1, ref), repeats)

    def loop():
        with torch.no_grad():
            for a, s, r in zip(avg, src, ref):
                a.mul_(0.9).add_(s, alpha=0.05).add_(r, alpha=0.05)

    looped = _time(loop, repeats)
    n = sum(p.numel() for p in avg)
    print(f'[momentum] {len(shapes)} tensors, {n / 1e6:.1f} M params: _foreach {fused * 1e3:.2f} '
          f'ms, per-tensor loop {looped * 1e3:.2f} ms, speed-up x{looped / fused:.2f}')


def bench_step(device, repeats):
    import copy

    from mmengine.config import Config
    from mmengine.dataset import pseudo_collate
    from mmengine.registry import init_default_scope

    import mmcontrast.pretrain  # noqa: F401
    from mmcontrast.mini_datasets import make_mini_datasets
    init_default_scope('mmpretrain')
    from mmpretrain.registry import DATASETS, MODELS
    make_mini_datasets(os.path.join(ROOT, 'data', 'mini'), names=['p9d'])
    cfg_dir = os.path.join(ROOT, 'configs', 'ctp')
    res = {}
    for name in ('ctp', 'seqf'):
        cfg = Config.fromfile(
            os.path.join(cfg_dir, f'{name}_vit-tiny-bert-tiny_1xb16-20e-per-task_mini-p9d.py'))
        dcfg = copy.deepcopy(cfg.train_dataloader.dataset)
        dcfg.data_root = os.path.join(ROOT, dcfg.data_root)
        for t in dcfg.pipeline:
            if 'vocab_file' in t:
                t['vocab_file'] = os.path.join(ROOT, t['vocab_file'])
        ds = DATASETS.build(dcfg)
        batch = pseudo_collate([ds[i] for i in range(16)])
        torch.manual_seed(0)
        model = MODELS.build(cfg.model).to(device)
        model.start_task(1)
        model.train()
        opt = torch.optim.AdamW([p for p in model.student.parameters()], lr=1e-4)

        def step():
            data = model.data_preprocessor(copy.deepcopy(batch), True)
            loss = sum(model.loss(data['inputs'], data['data_samples']).values())
            opt.zero_grad()
            loss.backward()
            opt.step()

        res[name] = _time(step, repeats)
    print(f'[step] tiny model, B=16, task 1: CTP {res["ctp"] * 1e3:.1f} ms, SeqF '
          f'{res["seqf"] * 1e3:.1f} ms, ratio CTP/SeqF x{res["ctp"] / res["seqf"]:.2f}')


_MEM = r'''
import resource, sys, torch
from mmcontrast.pretrain.evaluation import chunked_topk
torch.manual_seed(0)
q = torch.nn.functional.normalize(torch.randn(4615, 16), dim=1)
g = torch.nn.functional.normalize(torch.randn(46855, 16), dim=1)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # peak so far
if sys.argv[1] == 'chunked':
    top = chunked_topk(q, g, 11, chunk_size=512)
else:
    top = (q @ g.t()).topk(11, dim=1).indices
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print((peak - base) / 2**20)
'''


def bench_memory():
    out = {}
    env = dict(os.environ, PYTHONPATH=ROOT)
    for mode in ('chunked', 'full'):
        t = time.perf_counter()
        r = subprocess.run([sys.executable, '-c', _MEM, mode], capture_output=True, text=True,
                           env=env, check=True)
        out[mode] = (float(r.stdout.strip().splitlines()[-1]), time.perf_counter() - t)
    print(f'[gallery] 4615 x 46855, D=16, top-11: chunked peak +{out["chunked"][0]:.0f} MiB above the import-time peak '
          f'({out["chunked"][1]:.1f} s), full matrix peak +{out["full"][0]:.0f} MiB '
          f'({out["full"][1]:.1f} s)')


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--device', default='cpu')
    p.add_argument('--repeats', type=int, default=10)
    a = p.parse_args()
    torch.set_num_threads(int(os.environ.get('OMP_NUM_THREADS', '1')))
    bench_momentum(a.device, a.repeats)
    bench_step(a.device, max(a.repeats // 2, 3))
    bench_memory()


if __name__ == '__main__':
    main()
