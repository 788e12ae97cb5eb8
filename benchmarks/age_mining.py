# Copyright (c) mmcontrast contributors. All rights reserved.
"""Age: in-batch mining step time vs triplet sampling (age.md §9).

Both variants see 96 images per step on the tiny Age network (ResNet_CIFAR-18
at quarter width, 16x16): triplet sampling = 32 sampled (a, p, n) triplets in
one concatenated forward (32 anchors); in-batch mining = a 12 x 8 P x K batch,
every image an anchor, batch-all triplets from the core's vectorised masks.
Reports the median time of a full training step (forward, loss, backward),
the mining time alone and the number of triplets per step.

    python benchmarks/age_mining.py [--steps 10]
"""
import argparse
import time

import numpy as np
import torch

from mmcontrast.contrastive.miners import age_pair_masks, all_triplets
from mmcontrast.pretrain.datasets.age_triplet_sampling import sample_age_triplets


def _model(in_batch):
    import mmcontrast.pretrain  # noqa: F401
    from mmpretrain.registry import MODELS
    return MODELS.build(dict(
        type='AgeEstimator', in_batch_mining=in_batch,
        backbone=dict(type='ResNet_CIFAR', depth=18, stem_channels=16, base_channels=16,
                      num_stages=4, out_indices=(3, )),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(type='AgeContrastHead', in_channels=128, num_bins=10)))


def _samples(ages, subj, triplet):
    from mmpretrain.structures import DataSample
    out = []
    for a, s in zip(ages, subj):
        ds = DataSample()
        ds.set_field(float(a), 'gt_age')
        ds.set_field(int(s), 'subject_id')
        if triplet:
            ds.set_metainfo(dict(triplet_batch=True))
        out.append(ds)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--steps', type=int, default=10)
    args = parser.parse_args()
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    ages = np.tile(np.arange(10), 42).astype(float)  # 14 subjects x 10 ages x 3
    subj = np.repeat(np.arange(14), 30)
    x = torch.randn(96, 3, 16, 16)
    res = {}
    for name, in_batch in (('triplet sampling (32 triplets)', False),
                           ('in-batch mining (12x8)', True)):
        model = _model(in_batch)
        times, mine, ntrip = [], [], []
        for step in range(args.steps + 2):
            if in_batch:
                s = rng.choice(14, 12, replace=False)
                idx = np.concatenate([rng.choice(np.flatnonzero(subj == k), 8) for k in s])
                t0 = time.perf_counter()
                pos, neg = age_pair_masks(torch.tensor(ages[idx]), torch.tensor(subj[idx]),
                                          0, 5, neg_mode='same_subject_then_any',
                                          widen_positive=True)
                n_t = all_triplets(pos, neg)[0].numel()
                mine.append(time.perf_counter() - t0)
                samples = _samples(ages[idx], subj[idx], False)
            else:
                t0 = time.perf_counter()
                d = sample_age_triplets(ages, subj, seed=0, epoch=step)
                mine.append((time.perf_counter() - t0) * 32 / len(ages))  # per 32 anchors
                a = rng.choice(len(ages), 32, replace=False)
                order = np.concatenate([a, d['pos'][a], d['neg'][a]])
                n_t = 32
                samples = _samples(ages[order], subj[order], True)
            t0 = time.perf_counter()
            losses = model.loss(x, samples)
            sum(v for k, v in losses.items() if k.startswith('loss')).backward()
            if step >= 2:
                times.append(time.perf_counter() - t0)
                ntrip.append(n_t)
        res[name] = (np.median(times), np.median(mine), np.mean(ntrip))
    print(f'{"variant":34s} {"step ms":>9s} {"mining ms":>10s} {"triplets":>9s}')
    for name, (t, m, n) in res.items():
        print(f'{name:34s} {t * 1e3:9.1f} {m * 1e3:10.3f} {n:9.0f}')


if __name__ == '__main__':
    main()
