# Copyright (c) mmcontrast contributors. All rights reserved.
"""Forward + backward time of the SMMCL loss vs. an official-style implementation.

``official_style``: what the SMMCL code does (after ContrastiveSeg's
``_hard_anchor_sampling``): a Python loop over images and classes with one
``randperm`` per (image, class) group, then each of the three terms as a dense
supervised-contrast with float N x N masks (``mask.repeat``, ``1 - eye``,
``exp(logits) * neg_mask``).

``mmcontrast``: :func:`mmcontrast.contrastive.losses.smmcl_loss` (one argsort
for the whole draw, bool masks, softplus form of :func:`supcon_loss`).

Both are timed end to end (sampling + three terms + backward) at the paper's
cap of 4800 samples (4 images x 4 classes x 300 views on a 60x80 grid) and at
LLRGBD's real stage-4 grid (4 x 15 x 20, 14 classes). Before timing, the dense
official-style terms are checked against ``smmcl_terms`` on the same samples.

Usage: ``python benchmarks/smmcl_loss.py [--device cuda] [--repeats 10]``
"""
import argparse
import time

import torch
import torch.nn.functional as F

from mmcontrast.contrastive.losses import smmcl_loss, smmcl_terms
from mmcontrast.contrastive.samplers import downsample_labels


def official_sample(labels, emb_rgb, emb_x, num_classes, min_views=5, max_views=300,
                    max_total=4800):
    """Per-group loop sampling (independent RGB / X draws), official style."""
    B, D, h, w = emb_rgb.shape
    y = downsample_labels(labels, (h, w)).reshape(B, -1)
    fc = emb_rgb.permute(0, 2, 3, 1).reshape(B, -1, D)
    fx = emb_x.permute(0, 2, 3, 1).reshape(B, -1, D)
    groups, counts = [], []
    for b in range(B):
        for c in torch.unique(y[b]).tolist():
            if c == 255 or c >= num_classes:
                continue
            n = int((y[b] == c).sum())
            if n >= min_views:
                groups.append((b, c))
                counts.append(n)
    if not groups:
        return None
    v = min(min(counts), max_views)
    if v * len(groups) > max_total:
        v = max_total // len(groups)
    zc = torch.zeros(len(groups), v, D, device=emb_rgb.device)
    zx = torch.zeros(len(groups), v, D, device=emb_rgb.device)
    lab = torch.zeros(len(groups), device=emb_rgb.device)
    for g, (b, c) in enumerate(groups):
        idx = (y[b] == c).nonzero().squeeze(1)
        zc[g] = fc[b, idx[torch.randperm(idx.numel(), device=idx.device)[:v]]]
        zx[g] = fx[b, idx[torch.randperm(idx.numel(), device=idx.device)[:v]]]
        lab[g] = c
    zc = F.normalize(zc.reshape(-1, D), dim=1)
    zx = F.normalize(zx.reshape(-1, D), dim=1)
    return zc, zx, lab.repeat_interleave(v)


def official_contrast(anchor, contrast, lab, tau=0.1):
    """Dense float-mask negatives-only supervised contrast (official style)."""
    n = anchor.shape[0]
    lab = lab.contiguous().view(-1, 1)
    mask = torch.eq(lab, lab.T).float()
    logits = torch.div(anchor @ contrast.T, tau)
    neg_mask = 1 - mask
    eye_idx = torch.arange(n, device=anchor.device).view(-1, 1)
    logits_mask = torch.ones_like(mask).scatter_(1, eye_idx, 0)
    mask = mask * logits_mask
    neg_logits = (torch.exp(logits) * neg_mask).sum(1, keepdim=True)
    log_prob = logits - torch.log(torch.exp(logits) + neg_logits)
    mean_log_prob_pos = (mask * log_prob).sum(1) / mask.sum(1).clamp(min=1)
    return -mean_log_prob_pos.mean()


def official_style(emb_rgb, emb_x, labels, num_classes):
    zc, zx, lab = official_sample(labels, emb_rgb, emb_x, num_classes)
    return (official_contrast(zc, zx, lab) + official_contrast(zc, zc, lab)
            + official_contrast(zx, zx, lab)), zc.shape[0]


def ours(emb_rgb, emb_x, labels, num_classes):
    out = smmcl_loss(emb_rgb, emb_x, labels, num_classes)
    return sum(out.values()), None


def make_case(name, device):
    g = torch.Generator().manual_seed(0)
    if name == 'cap4800':      # 4 images x 4 classes x >= 300 cells -> T=16, V=300, N=4800
        B, h, w, K = 4, 60, 80, 4
        labels = torch.zeros(B, h * 32 // 4, w * 32 // 4, dtype=torch.long)  # stride-4 labels
        labels = (torch.arange(w * 8).view(1, 1, -1) // (w * 2)).expand(B, h * 8, -1).clone()
    else:                      # LLRGBD: 480x640 input, 15x20 stage-4 grid, 14 classes
        B, h, w, K = 4, 15, 20, 14
        blocks = torch.randint(0, K, (B, 6, 8), generator=g)
        labels = blocks.repeat_interleave(80, 1).repeat_interleave(80, 2)
    emb_rgb = torch.randn(B, 256, h, w, generator=g)
    emb_x = torch.randn(B, 256, h, w, generator=g)
    return emb_rgb.to(device), emb_x.to(device), labels.to(device), K


def bench(fn, emb_rgb, emb_x, labels, K, repeats, device):
    """Median wall and process-CPU seconds of forward + backward (first call is warm-up).

    CPU time is reported too because wall time on a shared machine mostly measures the
    other tenants; with ``OMP_NUM_THREADS=1`` CPU time is the single-thread work.
    """
    walls, cpus = [], []
    for i in range(repeats + 1):
        a = emb_rgb.clone().requires_grad_()
        b = emb_x.clone().requires_grad_()
        if device.type == 'cuda':
            torch.cuda.synchronize()
        t, c = time.perf_counter(), time.process_time()
        loss, _ = fn(a, b, labels, K)
        loss.backward()
        if device.type == 'cuda':
            torch.cuda.synchronize()
        if i:
            walls.append(time.perf_counter() - t)
            cpus.append(time.process_time() - c)
    walls.sort()
    cpus.sort()
    return walls[len(walls) // 2], cpus[len(cpus) // 2]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--device', default='cpu')
    parser.add_argument('--repeats', type=int, default=5)
    args = parser.parse_args()
    device = torch.device(args.device)
    for case in ('cap4800', 'llrgbd'):
        emb_rgb, emb_x, labels, K = make_case(case, device)
        # correctness: the dense official-style terms equal ours on the same samples
        zc, zx, lab = official_sample(labels, emb_rgb, emb_x, K)
        t = smmcl_terms(zc, zx, lab.long())
        ref = [official_contrast(zc, zx, lab), official_contrast(zc, zc, lab),
               official_contrast(zx, zx, lab)]
        names = ('loss_cm', 'loss_vis', 'loss_aux')
        diff = max(abs(float(t[k]) - float(r)) for k, r in zip(names, ref))
        w_off, c_off = bench(official_style, emb_rgb, emb_x, labels, K, args.repeats, device)
        w_our, c_our = bench(ours, emb_rgb, emb_x, labels, K, args.repeats, device)
        print(f'{case}: N={zc.shape[0]} D=256 on {device}, torch threads '
              f'{torch.get_num_threads()}: official-style wall {w_off * 1e3:.0f} ms / CPU '
              f'{c_off * 1e3:.0f} ms; mmcontrast wall {w_our * 1e3:.0f} ms / CPU '
              f'{c_our * 1e3:.0f} ms (CPU-time speed-up x{c_off / c_our:.2f}); '
              f'max |diff| of the terms on the same samples {diff:.1e}')


if __name__ == '__main__':
    main()
