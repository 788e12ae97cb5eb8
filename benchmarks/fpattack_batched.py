# Copyright (c) mmcontrast contributors. All rights reserved.
"""Attacked pairs per second: one batch of B pairs vs a per-pair loop (fpattack.md §9).

    python benchmarks/fpattack_batched.py [--batch 32] [--iters 10] [--device cpu]
        [--checkpoint tiny_victim.pth]

The tiny victim (SigNet width 1/8 on 40x56) and StyleTransferFPAttack; both
paths produce the same images (tests/test_fpattack/test_attacks.py).
"""
import argparse
import time

import torch
from mmengine.config import Config
from mmengine.registry import TASK_UTILS

import mmcontrast.pretrain  # noqa: F401
from mmpretrain.registry import MODELS

TINY = 'configs/fpattack/signet-w0.125_1xb16-3e_mini-signatures-40x56.py'


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--batch', type=int, default=32)
    p.add_argument('--iters', type=int, default=10)
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--checkpoint')
    p.add_argument('--config', default=TINY)
    args = p.parse_args()
    cfg = Config.fromfile(args.config)
    torch.manual_seed(3407)
    model = MODELS.build(cfg.model).to(args.device).eval()
    if args.checkpoint:
        from mmengine.runner import load_checkpoint
        load_checkpoint(model, args.checkpoint, map_location='cpu')
    for q in model.parameters():
        q.requires_grad_(False)
    h, w = cfg.model.backbone.in_size
    g = (torch.rand(args.batch, 1, h, w, device=args.device) > 0.8).float()
    f = (torch.rand(args.batch, 1, h, w, device=args.device) > 0.8).float()
    attack = TASK_UTILS.build(dict(type='StyleTransferFPAttack', iters=args.iters,
                                   threshold=1e-4))

    def timed(fn):
        if args.device.startswith('cuda'):
            torch.cuda.synchronize()
        t = time.perf_counter()
        fn()
        if args.device.startswith('cuda'):
            torch.cuda.synchronize()
        return time.perf_counter() - t

    attack.run(model, g[:2], f[:2])  # warm-up
    t_batch = timed(lambda: attack.run(model, g, f))
    t_loop = timed(lambda: [attack.run(model, g[i:i + 1], f[i:i + 1]) for i in range(args.batch)])
    print(f'device={args.device} B={args.batch} iters={args.iters} input={h}x{w}')
    print(f'batched : {args.batch / t_batch:8.2f} pairs/s ({t_batch:.2f} s)')
    print(f'per-pair: {args.batch / t_loop:8.2f} pairs/s ({t_loop:.2f} s)')
    print(f'speed-up: {t_loop / t_batch:.2f}x')


if __name__ == '__main__':
    main()
