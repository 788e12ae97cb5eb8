# Copyright (c) mmcontrast contributors. All rights reserved.
"""Forward+backward time and peak memory of the core contrastive losses at the papers' shapes.

For every case three implementations are timed on the same inputs:

* ``floor``: only the similarity matmuls the loss needs, forward + backward
  (``(a @ b.T).sum().backward()``): no loss can be cheaper;
* ``ours``: the mmcontrast function;
* ``naive``: a direct transcription of the reference code/spec pseudo-code
  (dense float masks, autograd through every step).

Each measurement runs in a forked child process so that its peak resident
memory (``ru_maxrss`` minus the RSS at the start of the measurement) is its
own. Losses written by other engineers (FOCAL, CoNe, ICPC, CLLD, SMMCL) are
imported if present and skipped otherwise.

    python benchmarks/losses.py            # paper shapes + 65,536 anchors x 8,192 keys chunked
    python benchmarks/losses.py --quick    # one repetition, smaller chunked case (CI)
    python benchmarks/losses.py --huge     # also 65,536 x 65,536 anchors/keys, chunked
    python benchmarks/losses.py --only smmcl cone
"""
import argparse
import multiprocessing as mp
import os
import resource
import sys
import time
from typing import Callable, Dict, List, Optional

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from mmcontrast.contrastive import losses as L  # noqa: E402

Fn = Callable[[], None]


def _rss_mb() -> float:
    with open('/proc/self/statm') as f:
        return int(f.read().split()[1]) * os.sysconf('SC_PAGE_SIZE') / 2**20


def _measure(make: Callable[[], Dict[str, Fn]], impl: str, reps: int,
             threads: int, out) -> None:
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    fns = make()
    fn = fns[impl]
    base = _rss_mb()
    t0 = time.perf_counter()
    fn()  # warm-up (also the peak-memory run); timed only when reps == 0
    times = [time.perf_counter() - t0] if reps == 0 else []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - base
    out.put((min(times), max(peak, 0.0)))


def measure(make, impl: str, reps: int, threads: int):
    ctx = mp.get_context('fork')
    q = ctx.Queue()
    p = ctx.Process(target=_measure, args=(make, impl, reps, threads, q))
    p.start()
    p.join()
    if p.exitcode != 0:
        return None
    return q.get()


def _unit(*shape, grad=True):
    x = F.normalize(torch.randn(*shape), dim=-1)
    return x.requires_grad_(grad)


def _bwd(loss: torch.Tensor) -> None:
    loss.backward()


# ----------------------------------------------------------------------------- cases
def case_smmcl(n=4800, d=256, k=14):
    """SMMCL: 3 negatives-only SupCon terms (vis, aux, cross-modal), N=4800, D=256."""

    def make():
        zc, zx = _unit(n, d), _unit(n, d)
        lab = torch.randint(0, k, (n, ))

        def ours():
            _bwd(
                L.supcon_loss(zc, lab, None, None, 0.1, True) +
                L.supcon_loss(zx, lab, None, None, 0.1, True) +
                L.supcon_loss(zc, lab, zx, lab, 0.1, True))

        def floor():
            _bwd((zc @ zc.t()).sum() + (zx @ zx.t()).sum() +
                 (zc @ zx.t()).sum())

        def naive_term(a, b):  # smmcl.md §3 supcon_neg_only, dense
            S = a @ b.t() / 0.1
            same = lab[:, None] == lab[None, :]
            P = same & ~torch.eye(n, dtype=torch.bool)
            negsum = (torch.exp(S) * ~same).sum(1, keepdim=True)
            logp = S - torch.log(torch.exp(S) + negsum)
            return (-(P * logp).sum(1) / P.sum(1).clamp(min=1)).mean()

        def naive():
            _bwd(naive_term(zc, zc) + naive_term(zx, zx) + naive_term(zc, zx))

        return dict(floor=floor, ours=ours, naive=naive)

    return make


def case_supcon(n=4800, d=256, k=14):
    """SupCon (Khosla) within one set, N=4800, D=256."""

    def make():
        z = _unit(n, d)
        lab = torch.randint(0, k, (n, ))

        def naive():  # HobbitLong/SupContrast, dense masks
            S = z @ z.t() / 0.1
            S = S - S.max(1, keepdim=True).values.detach()
            eye = torch.eye(n)
            mask = (lab[:, None] == lab[None, :]).float() * (1 - eye)
            logp = S - torch.log(
                (torch.exp(S) * (1 - eye)).sum(1, keepdim=True))
            _bwd(-((mask * logp).sum(1) / mask.sum(1).clamp(min=1)).mean())

        return dict(
            floor=lambda: _bwd((z @ z.t()).sum()),
            ours=lambda: _bwd(L.supcon_loss(z, lab)),
            naive=naive)

    return make


def case_chunked(n=65536, m=8192, d=128, chunk=2048):
    """SupCon negatives-only, N anchors x M keys, streamed row chunks."""

    def make():
        a, b = _unit(n, d), _unit(m, d)
        la, lb = torch.randint(0, 150, (n, )), torch.randint(0, 150, (m, ))

        def floor():
            for i in range(
                    0, n, chunk
            ):  # the floor chunked too (a full (N, M) matrix may not fit)
                _bwd((a[i:i + chunk] @ b.t()).sum())

        def ours():
            _bwd(
                L.supcon_loss(
                    a,
                    la,
                    b,
                    lb,
                    0.1,
                    True,
                    exclude_diagonal=False,
                    chunk_size=chunk))

        return dict(floor=floor, ours=ours)

    return make


def case_cone(b=256, k=65536, d=256, c=1000, topk=512):
    """CoNe neighbour contrast: 256 queries x 65,536 queue, top-512, 1,000 classes."""
    if not hasattr(L, 'neighbour_contrast_loss'):
        return None

    def make():
        z = _unit(b, d)
        queue = _unit(k, d, grad=False)
        ql, y = torch.randint(0, c, (k, )), torch.randint(0, c, (b, ))

        def naive():  # cone.md §3, dense
            S = z @ queue.t()
            idx = S.topk(topk, dim=1).indices
            w = torch.softmax(torch.gather(S, 1, idx) / 0.1, dim=1)
            p = (w * (ql[idx] == y[:, None]).float()).sum(1)
            keep = p > 1e-8
            _bwd((-torch.log(p.clamp_min(1e-8)) * keep).sum() / b)

        return dict(
            floor=lambda: _bwd((z @ queue.t()).sum()),
            ours=lambda: _bwd(
                L.neighbour_contrast_loss(z, queue, ql, y, topk, 0.1)),
            naive=naive)

    return make


def case_focal(b=4, c=256, per=1000):
    """FOCAL: 4 images, 1,000 pristine + 1,000 forged cells each (dict_size 1,000), C=256."""
    if not hasattr(L, 'focal_contrast_loss'):
        return None
    h, w = 40, 50  # 2,000 cells per image

    def make():
        feats = torch.randn(b, c, h, w).requires_grad_()
        labels = torch.zeros(b, h, w, dtype=torch.long)
        labels[:, :, w // 2:] = 1  # half forged

        def floor():
            x = F.normalize(feats, dim=1).flatten(2).transpose(1, 2)
            q, n = x[:, :per], x[:, per:]
            _bwd((q @ q.transpose(1, 2)).sum() + (q @ n.transpose(1, 2)).sum())

        def naive():  # focal.md §3, image by image
            x = F.normalize(feats, dim=1)
            losses = []
            for i in range(b):
                Q = x[i][:, labels[i] == 0].t()
                N = x[i][:, labels[i] == 1].t()
                Q = Q[torch.randperm(Q.shape[0])[:per]]
                N = N[torch.randperm(N.shape[0])[:per]]
                Sqq = Q @ Q.t()
                pos = (Sqq.sum(1) - torch.diag(Sqq)) / (Q.shape[0] - 1)
                logits = torch.cat([pos[:, None], Q @ N.t()], 1) / 0.1
                losses.append(
                    F.cross_entropy(logits,
                                    torch.zeros(Q.shape[0], dtype=torch.long)))
            _bwd(torch.stack(losses).mean())

        return dict(
            floor=floor,
            ours=lambda: _bwd(L.focal_contrast_loss(feats, labels, 0.1, per)),
            naive=naive)

    return make


def case_focal_mixed(c=256, per=1000, forged=(5, 5)):
    """FOCAL mixed batch: 1 authentic + 1 image with a 5x5 forged cell region (cap 1,000)."""
    if not hasattr(L, 'focal_contrast_loss'):
        return None
    h, w = 40, 50  # 2,000 cells per image

    def make():
        feats = torch.randn(2, c, h, w).requires_grad_()
        labels = torch.zeros(2, h, w, dtype=torch.long)
        labels[1, :forged[0], :forged[1]] = 1  # small forged region in image 1 only

        def floor():  # the real-size blocks: image 1's K x K and K x nf, nothing for image 0
            x = F.normalize(feats, dim=1).flatten(2).transpose(1, 2)
            lab = labels.flatten(1)
            q = x[1][lab[1] == 0][:per]
            n = x[1][lab[1] == 1]
            _bwd((q @ q.t()).sum() + (q @ n.t()).sum())

        return dict(
            floor=floor,
            ours=lambda: _bwd(L.focal_contrast_loss(feats, labels, 0.1, per)))

    return make


def case_icpc(b=4, k=150, hw=128, c=512, topk=10):
    """ICPC align-guided contrast: 4 x 150 classes x 128x128 pixel-text scores (C=512)."""
    if not hasattr(L, 'align_guided_contrastive'):
        return None

    def make():
        pix = _unit(b, hw, hw, c)
        txt = _unit(b, k, c)
        label = torch.randint(0, k, (b, hw, hw))
        label[:, :8] = 255

        def scores():
            return torch.einsum('bhwc,bkc->bkhw', pix, txt)

        def naive():  # icpc.md §3 pseudo-code
            s = scores()
            z = (s / 0.07).permute(0, 2, 3, 1).reshape(-1, k)
            y = label.reshape(-1)
            v = y != 255
            z, y = z[v], y[v]
            pos = z.gather(1, y[:, None])
            neg = z.scatter(1, y[:, None], float('-inf')).topk(
                topk, dim=1).values
            _bwd(
                F.cross_entropy(
                    torch.cat([pos, neg], 1),
                    torch.zeros(len(y), dtype=torch.long)))

        return dict(
            floor=lambda: _bwd(scores().sum()),
            ours=lambda: _bwd(
                L.align_guided_contrastive([scores()], label, 0.07, topk)),
            naive=naive)

    return make


def case_ctp(b=512, d=256, q=1024):
    """CTP: symmetric ITC (512 global batch) + queue ITC (512 x (512+1024)) + 4 topology KLs."""

    def make():
        v, w = _unit(b, d), _unit(b, d)
        vc, wc = _unit(b, d, grad=False), _unit(b, d, grad=False)
        qv, qw = _unit(q, d, grad=False), _unit(q, d, grad=False)
        vr, wr = _unit(b, d, grad=False), _unit(b, d, grad=False)
        lbl = torch.arange(b)

        def ours():
            itc = L.info_nce_loss(v, w, temperature=0.07, symmetric=True)
            itq = (L.info_nce_loss(v, wc, qw, 0.07) +
                   L.info_nce_loss(w, vc, qv, 0.07)) / 2
            topo = (L.relational_kl_loss(v, w, vr, wr) + L.relational_kl_loss(w, v, wr, vr)) / 2 + \
                (L.relational_kl_loss(v, v, vr, vr, exclude_self=True)
                 + L.relational_kl_loss(w, w, wr, wr, exclude_self=True)) / 2
            _bwd(itc + itq + topo)

        def floor():
            _bwd((v @ w.t()).sum() + (v @ torch.cat([wc, qw]).t()).sum() +
                 (w @ torch.cat([vc, qv]).t()).sum() + (v @ v.t()).sum() +
                 (w @ w.t()).sum())

        def naive(
        ):  # ctp.md §3: F.cross_entropy on concatenated logits, -1000 self masking, kl_div
            sim = v @ w.t() / 0.07
            itc = (F.cross_entropy(sim, lbl) +
                   F.cross_entropy(sim.t(), lbl)) / 2
            itq = (
                F.cross_entropy(v @ torch.cat([wc, qw]).t() / 0.07, lbl) +
                F.cross_entropy(w @ torch.cat([vc, qv]).t() / 0.07, lbl)) / 2
            eye = torch.eye(b, dtype=torch.bool)

            def kl(s, r, mask):
                if mask:
                    s, r = s.masked_fill(eye, -1000), r.masked_fill(eye, -1000)
                return F.kl_div(
                    F.log_softmax(s / 0.07, 1),
                    F.softmax(r / 0.07, 1),
                    reduction='batchmean')

            topo = (kl(v @ w.t(), vr @ wr.t(), False) + kl(w @ v.t(), wr @ vr.t(), False)) / 2 + \
                (kl(v @ v.t(), vr @ vr.t(), True) + kl(w @ w.t(), wr @ wr.t(), True)) / 2
            _bwd(itc + itq + topo)

        return dict(floor=floor, ours=ours, naive=naive)

    return make


def case_clip4cir(b=4096, d=640):
    """CLIP4Cir stage 2: one-directional InfoNCE, batch 4,096, D=640, logit scale 100."""

    def make():
        qe, g = _unit(b, d), _unit(b, d)
        return dict(
            floor=lambda: _bwd((qe @ g.t()).sum()),
            ours=lambda: _bwd(L.info_nce_loss(qe, g, temperature=0.01)),
            naive=lambda: _bwd(
                F.cross_entropy(100 * qe @ g.t(), torch.arange(b))))

    return make


def case_dccl(b=64, d=128):
    """DCCL: DCL baseline (2 views x 64, sum) + confidence align/uniform, D=128."""

    def make():
        z1, z2 = _unit(b, d), _unit(b, d)
        y = torch.randint(-1, 2, (b, ))
        c = torch.rand(b)

        def ours():
            dcl = L.info_nce_loss(
                z1,
                z2,
                temperature=1.0,
                symmetric=True,
                symmetric_reduction='sum',
                intra_negatives=True,
                decoupled=True)
            a, u = L.confidence_align_uniform_loss(z1, z2, y, c)
            _bwd(dcl + a + u)

        def floor():
            z = torch.cat([z1, z2])
            _bwd((z @ z.t()).sum() * 2)

        def naive(
        ):  # dccl.md §3(d) logits = [z_a z_b^T, z_a z_a^T - inf I], positive removed
            loss = 0
            for za, zb in ((z1, z2), (z2, z1)):
                logits = torch.cat([
                    za @ zb.t(), (za @ za.t()).masked_fill(
                        torch.eye(b, dtype=torch.bool), float('-inf'))
                ], 1)
                pos = logits.diagonal()
                den = logits.masked_fill(
                    torch.eye(b, 2 * b, dtype=torch.bool), float('-inf'))
                loss = loss + (-pos + torch.logsumexp(den, 1)).mean()
            a, u = L.confidence_align_uniform_loss(z1, z2, y, c)
            _bwd(loss + a + u)

        return dict(floor=floor, ours=ours, naive=naive)

    return make


def case_age(b=64, d=128):
    """Age: triplet margin (euclidean) + 1-cos pair, 64 triplets, D=128."""

    def make():
        a, p, n = _unit(b, d), _unit(b, d), _unit(b, d)

        def naive():
            _bwd(
                F.triplet_margin_loss(a, p, n, margin=0.2) +
                (1 - F.cosine_similarity(a, p)).mean())

        return dict(
            floor=lambda: _bwd((a * p).sum() + (a * n).sum()),
            ours=lambda: _bwd(
                L.triplet_margin_loss(a, p, n) + L.cosine_pair_loss(a, p)),
            naive=naive)

    return make


def case_clld(b=64, c=256):
    """CLLD cross-similarity (alpha=3) of two (64, 256, 7, 7) maps."""
    if not hasattr(L, 'cross_similarity_loss'):
        return None

    def make():
        y1, y2 = torch.randn(b, c, 7, 7).requires_grad_(), torch.randn(
            b, c, 7, 7).requires_grad_()
        return dict(
            floor=lambda: _bwd(torch.einsum('bcij,bckl->bijkl', y1, y2).sum()),
            ours=lambda: _bwd(L.cross_similarity_loss(y1, y2, 3)))

    return make


CASES = {
    'smmcl': case_smmcl,
    'supcon': case_supcon,
    'focal': case_focal,
    'focal-mixed': case_focal_mixed,
    'cone': case_cone,
    'icpc': case_icpc,
    'ctp': case_ctp,
    'clip4cir': case_clip4cir,
    'dccl': case_dccl,
    'age': case_age,
    'clld': case_clld,
    'chunked': case_chunked,
}


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        '--quick',
        action='store_true',
        help='1 repetition, smaller chunked case')
    parser.add_argument(
        '--huge',
        action='store_true',
        help='add 65,536 x 65,536 chunked SupCon')
    parser.add_argument(
        '--reps',
        type=int,
        default=None,
        help='timed repetitions after a warm-up (default 2, quick 1)')
    parser.add_argument(
        '--threads',
        type=int,
        default=1,
        help=
        'torch threads (default 1: reproducible on a shared 2-core machine)')
    parser.add_argument(
        '--only', nargs='*', default=None, help=f'subset of {list(CASES)}')
    args = parser.parse_args(argv)
    reps = args.reps or (1 if args.quick else 2)
    names = args.only if args.only is not None else list(
        CASES)  # '--only' alone: none
    print(
        f'torch {torch.__version__}, {args.threads} thread(s), reps={reps}, '
        f'min time over reps; peak = max RSS growth of the measuring process')
    print(
        f"{'case':<34}{'floor s':>9}{'ours s':>9}{'naive s':>9}{'ours/floor':>11}{'ours/naive':>11}"
        f"{'floor MB':>10}{'ours MB':>9}{'naive MB':>10}")
    extra = {}
    if args.quick:
        extra['chunked'] = dict(n=65536, m=2048, d=128, chunk=4096)
    todo = [(n, CASES[n](**extra.get(n, {}))) for n in names]
    if args.huge:
        todo.append(
            ('chunked-huge', case_chunked(n=65536, m=65536, d=128,
                                          chunk=2048)))
    t_start = time.perf_counter()
    for name, make in todo:
        if make is None:
            print(
                f'{name:<34}skipped (loss not in mmcontrast.contrastive.losses)'
            )
            continue
        impls = make()
        # the chunked cases take tens of seconds per call: one timed (cold) call each
        res = {
            k:
            measure(make, k, 0 if name.startswith('chunked') else reps,
                    args.threads)
            for k in impls
        }
        label = f'{name}: {CASES.get(name, case_chunked).__doc__.splitlines()[0][:60]}'

        def fmt(k, i):
            return (f'{res[k][i]:.3f}'
                    if i == 0 else f'{res[k][i]:.0f}') if res.get(k) else '-'

        ratio_f = res['ours'][0] / res['floor'][0] if res.get(
            'ours') and res.get('floor') else float('nan')
        ratio_n = res['ours'][0] / res['naive'][0] if res.get(
            'naive') and res.get('ours') else float('nan')
        print(
            f'{name:<34}{fmt("floor", 0):>9}{fmt("ours", 0):>9}{fmt("naive", 0):>9}{ratio_f:>11.2f}'
            f'{ratio_n:>11.2f}{fmt("floor", 1):>10}{fmt("ours", 1):>9}{fmt("naive", 1):>10}',
            flush=True)
        print(f'    {label}', flush=True)
    print(f'total wall time {time.perf_counter() - t_start:.0f} s')


if __name__ == '__main__':
    main()
