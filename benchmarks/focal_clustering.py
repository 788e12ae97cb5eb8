# Copyright (c) mmcontrast contributors. All rights reserved.
"""Time FOCAL's test-time clustering per image at 64x64 and 256x256 feature maps.

Features are synthetic but structured like FOCAL's: unit-norm vectors around a
"pristine" and a "forged" direction (a square of ``forged_frac`` of the cells)
plus Gaussian noise, so k-means and HDBSCAN do real work. Reports seconds per
image (median of ``--repeats``) for ``KMeans2Clusterer`` (batched, torch), the
official per-image ``torch_kmeans`` call (if installed) and ``HDBSCANClusterer``
(scikit-learn), and checks that each recovers the planted mask (IoU).

    python benchmarks/focal_clustering.py --sizes 64 256 --batch 4
"""
import argparse
import statistics
import time

import torch
import torch.nn.functional as F

from mmcontrast.clustering import HDBSCANClusterer, KMeans2Clusterer


def synthetic(batch: int, side: int, dims: int, forged_frac: float = 0.15, noise: float = 0.6,
              seed: int = 0):
    """(B, side*side, dims) unit-norm features and (B, side*side) planted masks."""
    g = torch.Generator().manual_seed(seed)
    a, b = F.normalize(torch.randn(2, dims, generator=g), dim=-1)
    mask = torch.zeros(batch, side, side, dtype=torch.long)
    s = int(side * forged_frac ** 0.5)
    mask[:, :s, :s] = 1
    mask = mask.flatten(1)
    centre = torch.where(mask[..., None].bool(), b, a)
    x = centre + noise * torch.randn(batch, side * side, dims, generator=g) / dims ** 0.5
    return F.normalize(x, dim=-1), mask


def iou(pred, mask):
    inter = (pred.bool() & mask.bool()).sum().item()
    union = (pred.bool() | mask.bool()).sum().item()
    return inter / union if union else 1.0


def timeit(fn, repeats):
    times = []
    out = None
    for _ in range(repeats):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--sizes', type=int, nargs='+', default=[64, 256])
    p.add_argument('--dims', type=int, nargs='+', default=None,
                   help='channels per size; default 288 (ViT||HRNet fusion) at 64, 32 (HRNet) '
                   'at 256')
    p.add_argument('--batch', type=int, default=4)
    p.add_argument('--repeats', type=int, default=3)
    p.add_argument('--min-cluster-size', type=int, nargs='+', default=None,
                   help='HDBSCAN per size; default 200 scaled by the cell count')
    p.add_argument('--skip-hdbscan-above', type=int, default=256)
    p.add_argument('--threads', type=int, default=1)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    dims = args.dims or [288 if s <= 64 else 32 for s in args.sizes]
    mcs = args.min_cluster_size or [max(2, 200 * s * s // 4096) for s in args.sizes]
    print(f'torch threads={args.threads}, batch={args.batch}, repeats={args.repeats} '
          '(seconds per image, median)')
    print('| feature map | C | method | s / image | IoU vs planted mask |')
    print('|---|---|---|---|---|')
    for side, c, m in zip(args.sizes, dims, mcs):
        x, mask = synthetic(args.batch, side, c)
        km = KMeans2Clusterer()
        t, out = timeit(lambda: km(x), args.repeats)
        print(f'| {side}x{side} | {c} | KMeans2Clusterer (batched) | {t / args.batch:.4f} | '
              f'{iou(out["labels"], mask):.3f} |', flush=True)
        try:
            import torch_kmeans
            from torch_kmeans.utils.distances import CosineSimilarity
            ref = torch_kmeans.KMeans(n_clusters=2, distance=CosineSimilarity, verbose=False)
            t, out = timeit(lambda: ref(x[:1]).labels, args.repeats)
            lab = out if out.sum() * 2 <= out.numel() else 1 - out
            print(f'| {side}x{side} | {c} | torch_kmeans 0.2.0 (official, per image) | {t:.4f} | '
                  f'{iou(lab, mask[:1]):.3f} |', flush=True)
        except ImportError:
            pass
        if side <= args.skip_hdbscan_above:
            hd = HDBSCANClusterer(min_cluster_size=m)
            t, out = timeit(lambda: hd(x[:1]), 1 if side > 64 else args.repeats)
            print(f'| {side}x{side} | {c} | HDBSCANClusterer (min_cluster_size={m}) | {t:.4f} | '
                  f'{iou(out["labels"], mask[:1]):.3f} |', flush=True)


if __name__ == '__main__':
    main()
