# Copyright (c) mmcontrast contributors. All rights reserved.
"""CLIP4Cir benchmarks (clip4cir.md §9), in one run:

1. a stage-2 epoch on pre-extracted features vs re-encoding every image and
   caption with (frozen) CLIP each step;
2. chunked gallery scoring (top-k + target rank per chunk) vs the full
   queries x gallery score matrix: time and peak memory.

Usage: python benchmarks/clip4cir_stage2_and_scoring.py [--arch tiny|rn50x4] [--device cpu]
"""
import argparse
import time
import resource

import torch
import torch.nn.functional as F
from mmengine.registry import init_default_scope

import mmcontrast.pretrain  # noqa: F401
from mmcontrast.contrastive.losses import info_nce_loss
from mmcontrast.pretrain.models.retrievers.cir_ranking import rank_queries

ARCHS = dict(
    tiny=dict(backbone=dict(type='CLIPResNetWithAttention', layers=(1, 1, 1, 1), width=16,
                            output_dim=64, input_resolution=32),
              text_encoder=dict(type='CLIPTextContextEncoder', context_length=16,
                                transformer_width=64, transformer_heads=4,
                                transformer_layers=2, embed_dim=64), size=32),
    rn50x4=dict(backbone=dict(type='CLIPResNetWithAttention', layers=(4, 6, 10, 6), width=80,
                              output_dim=640, input_resolution=288),
                text_encoder=dict(type='CLIPTextContextEncoder', context_length=77,
                                  transformer_width=640, transformer_heads=10,
                                  transformer_layers=12, embed_dim=640), size=288))


def _peak(fn, device):
    if device.type == 'cuda':
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
        t = time.perf_counter()
        out = fn()
        torch.cuda.synchronize()
        return out, time.perf_counter() - t, torch.cuda.max_memory_allocated() / 2**20
    # CPU: growth of the process's max RSS (run the smaller candidate first)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    out = fn()
    dt = time.perf_counter() - t
    return out, dt, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024


def bench_stage2(arch, device, n_triplets, batch):
    init_default_scope('mmpretrain')
    from mmpretrain.registry import MODELS
    a = ARCHS[arch]
    dim = a['backbone']['output_dim']
    model = MODELS.build(dict(
        type='ComposedImageRetriever', finetune='none',
        clip=dict(type='OpenAICLIPEncoder', backbone=a['backbone'],
                  text_encoder=a['text_encoder']),
        combiner=dict(type='Combiner', clip_dim=dim, projection_dim=4 * dim,
                      hidden_dim=8 * dim))).to(device)
    model.train()
    opt = torch.optim.Adam(model.combiner.parameters(), lr=2e-5)
    n_img = n_triplets // 2
    imgs = torch.randn(n_img, 3, a['size'], a['size'], device=device)
    caps = [f'make it colour number {i}' for i in range(n_triplets)]
    ref = torch.randint(0, n_img, (n_triplets, ))
    tgt = torch.randint(0, n_img, (n_triplets, ))

    def step(r, t, c):
        loss = info_nce_loss(model.combiner(r, c), F.normalize(t, dim=1), temperature=0.01)
        opt.zero_grad()
        loss.backward()
        opt.step()

    def reencode_epoch():
        for s in range(0, n_triplets, batch):
            sl = slice(s, s + batch)
            with torch.no_grad():
                r = model._encode_images(imgs[ref[sl]])
                t = model._encode_images(imgs[tgt[sl]])
                c = model._encode_texts(caps[sl])
            step(r, t, c)

    t0 = time.perf_counter()
    with torch.no_grad():
        img_f = torch.cat([model._encode_images(imgs[s:s + batch])
                           for s in range(0, n_img, batch)])
        txt_f = torch.cat([model._encode_texts(caps[s:s + batch])
                           for s in range(0, n_triplets, batch)])
    extract = time.perf_counter() - t0

    def cached_epoch():
        for s in range(0, n_triplets, batch):
            sl = slice(s, s + batch)
            step(img_f[ref[sl]], img_f[tgt[sl]], txt_f[sl])

    _sync(device)
    t0 = time.perf_counter()
    reencode_epoch()
    _sync(device)
    t_re = time.perf_counter() - t0
    t0 = time.perf_counter()
    cached_epoch()
    _sync(device)
    t_ca = time.perf_counter() - t0
    print(f'[stage 2] arch={arch} triplets={n_triplets} batch={batch} device={device.type}: '
          f're-encoding epoch {t_re:.3f} s | cached epoch {t_ca:.3f} s '
          f'(one-off extraction {extract:.3f} s) | speed-up {t_re / max(t_ca, 1e-9):.1f}x')


def _sync(device):
    if device.type == 'cuda':
        torch.cuda.synchronize()


def bench_scoring(device, n_q, n_g, dim, chunk):
    torch.manual_seed(0)
    q = F.normalize(torch.randn(n_q, dim, device=device), dim=1)
    g = F.normalize(torch.randn(n_g, dim, device=device), dim=1)
    tgt = torch.randint(0, n_g, (n_q, ), device=device)
    ref = torch.randint(0, n_g, (n_q, ), device=device)

    def full():
        s = q @ g.t()
        s[torch.arange(n_q, device=device), ref] = float('-inf')
        return s.topk(50, dim=1).indices, (s > s.gather(1, tgt[:, None])).sum(1)

    def chunked():
        r = rank_queries(q, g, tgt, ref, topk=50, chunk_size=chunk)
        return r['topk'], r['target_rank']

    (tc, rc), t_ch, m_ch = _peak(chunked, device)
    (tf, rf), t_full, m_full = _peak(full, device)
    assert torch.equal(rf, rc)
    print(f'[scoring] {n_q} queries x {n_g} gallery x {dim}-d, chunk {chunk}, '
          f'device={device.type}: full matrix {t_full:.3f} s, peak {m_full:.1f} MiB | '
          f'chunked {t_ch:.3f} s, peak {m_ch:.1f} MiB (same ranks); score buffers '
          f'{n_q * n_g * 4 / 2**20:.0f} vs {min(chunk, n_q) * n_g * 4 / 2**20:.0f} MiB')


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--arch', default='tiny', choices=sorted(ARCHS))
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--triplets', type=int, default=512)
    p.add_argument('--batch', type=int, default=128)
    p.add_argument('--queries', type=int, default=6000)
    p.add_argument('--gallery', type=int, default=15000)
    p.add_argument('--chunk', type=int, default=1024)
    args = p.parse_args()
    device = torch.device(args.device)
    bench_stage2(args.arch, device, args.triplets, args.batch)
    dim = ARCHS[args.arch]['backbone']['output_dim'] if args.arch != 'tiny' else 640
    bench_scoring(device, args.queries, args.gallery, dim, args.chunk)


if __name__ == '__main__':
    main()
