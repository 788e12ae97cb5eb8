# Copyright (c) mmcontrast contributors. All rights reserved.
"""DCCL loss: vectorised forward+backward vs the naive O(B^2) Python loops (spec §9).

    python benchmarks/dccl_loss.py --batch 256 --dim 128

The naive reference builds K, M, W with loops over (i, j) and over unlabeled
indices as the official TensorFlow code does, then computes the same
alignment and decoupled uniformity; both are checked to agree before timing.
"""
import argparse
import math
import time

import torch
import torch.nn.functional as F

from mmcontrast.contrastive.losses import confidence_align_uniform_loss


def naive_loss(z1, z2, y, c, t=1.0):
    """Official-code construction with Python loops (masks), then the loss."""
    b = z1.shape[0]
    n = 2 * b
    z = torch.cat([z1, z2])
    d = (2 - 2 * z @ z.t()).clamp(min=0)
    yy, cc = torch.cat([y, y]).tolist(), torch.cat([c, c]).tolist()
    k = torch.zeros(n, n, dtype=z.dtype)
    for i in range(n):
        for j in range(n):
            if yy[i] >= 0 and yy[i] == yy[j]:
                k[i, j] = min(cc[i], cc[j])
    m = torch.ones(n, n, dtype=z.dtype)
    for u in range(b):
        if yy[u] < 0:
            m[:, u] = 0
            m[:, u + b] = 0
            m[u] = 0
            m[u + b] = 0
            m[u, u + b] = m[u + b, u] = 1
    p = torch.zeros(n, n, dtype=z.dtype)
    for i in range(b):
        p[i, i + b] = p[i + b, i] = 1
    w = p + (1 - p) * m * k * (1 - torch.eye(n, dtype=z.dtype))
    w = w / w.sum(1, keepdim=True)
    align = (w * d).sum() / b
    unif = 0
    for v in range(2):
        dv = d[v * b:(v + 1) * b, v * b:(v + 1) * b]
        off = ~torch.eye(b, dtype=torch.bool)
        unif = unif + 0.5 * (torch.logsumexp(-t * dv[off], 0) - 2 * math.log(b))
    return align, unif


def bench(fn, reps):
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--batch', type=int, default=256)
    ap.add_argument('--dim', type=int, default=128)
    ap.add_argument('--reps', type=int, default=5)
    a = ap.parse_args()
    torch.manual_seed(0)
    x1 = torch.randn(a.batch, a.dim, requires_grad=True)
    x2 = torch.randn(a.batch, a.dim, requires_grad=True)
    y = torch.randint(-1, 2, (a.batch, ))
    c = torch.where(y >= 0, torch.rand(a.batch), torch.full((a.batch, ), -1.))

    def run(fn):
        def step():
            al, un = fn(F.normalize(x1, dim=1), F.normalize(x2, dim=1), y, c)
            (al + un).backward()
            x1.grad = x2.grad = None
            return al.detach(), un.detach()
        return step

    ours, ref = run(confidence_align_uniform_loss)(), run(naive_loss)()
    assert torch.allclose(ours[0], ref[0], atol=1e-4) and torch.allclose(ours[1], ref[1],
                                                                          atol=1e-4)
    t_vec = bench(run(confidence_align_uniform_loss), a.reps)
    t_naive = bench(run(naive_loss), max(1, a.reps // 2))
    print(f'B={a.batch} d={a.dim} threads={torch.get_num_threads()} (CPU, fwd+bwd, median)')
    print(f'vectorised: {1e3 * t_vec:.1f} ms   naive loops: {1e3 * t_naive:.1f} ms   '
          f'speed-up: {t_naive / t_vec:.0f}x')


if __name__ == '__main__':
    main()
