# Copyright (c) mmcontrast contributors. All rights reserved.
"""Time one CoNe training step against the cross-entropy baseline with the same network.

Both models are built as in ``configs/cone/`` (ResNet + GAP + CoNeHead); CoNe uses the
spec's queue (K=65,536 entries of dim 256 with 1000-class probabilities, knn_k=512). A step
is: forward, backward and SGD update (plus, for CoNe, the EMA update, the key forward, the
neighbour losses and the enqueue). The CoNe queue is pre-filled so that the neighbour phase
is timed; ``--warmup-phase`` times the CE-only phase instead. A third timing isolates the
neighbour terms themselves (the two losses at batch B against the full queue).

Example::

    python benchmarks/cone_step.py --arch 50 --batch 128 --img 224 --device cuda
    OMP_NUM_THREADS=2 python benchmarks/cone_step.py --arch 50 --batch 8 --img 224 --iters 3
"""
import argparse
import json
import time

import torch
import torch.nn.functional as F
from mmengine.logging import MessageHub
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

import mmcontrast.pretrain  # noqa: F401
from mmcontrast.contrastive.losses import (confident_mask, distribution_consistency_loss,
                                           neighbour_class_distribution, neighbour_contrast_loss)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--arch', type=int, default=50, help='ResNet depth (18 or 50)')
    p.add_argument('--batch', type=int, default=128, help='per-device batch')
    p.add_argument('--img', type=int, default=224)
    p.add_argument('--queue', type=int, default=65536)
    p.add_argument('--classes', type=int, default=1000)
    p.add_argument('--dim', type=int, default=256)
    p.add_argument('--knn-k', type=int, default=512)
    p.add_argument('--iters', type=int, default=5, help='timed steps (after 2 untimed)')
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--amp', action='store_true', help='bf16/fp16 autocast as AmpOptimWrapper')
    p.add_argument('--warmup-phase', action='store_true', help='time the CE-only warm-up phase')
    p.add_argument(
        '--nb-batch',
        type=int,
        default=None,
        help='batch of the isolated neighbour-terms timing (defaults to --batch)')
    p.add_argument('--out', help='write the numbers as JSON here')
    return p.parse_args()


def build(args, cone: bool):
    in_ch = 2048 if args.arch >= 50 else 512
    cfg = dict(
        type='CoNeClassifier' if cone else 'ImageClassifier',
        backbone=dict(type='ResNet', depth=args.arch, out_indices=(3, ), zero_init_residual=False),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(
            type='CoNeHead',
            num_classes=args.classes,
            in_channels=in_ch,
            hidden_channels=max(2 * in_ch, 4096),
            proj_dim=args.dim))
    if cone:
        cfg.update(
            queue_size=args.queue,
            knn_k=args.knn_k,
            require_full_queue=False,
            loss_lambda=0. if args.warmup_phase else 1.)
    model = MODELS.build(cfg).to(args.device).train()
    if cone:  # a filled queue: unit-norm keys, labels, distributions
        q = model.queue
        q.feats.copy_(F.normalize(torch.randn_like(q.feats), dim=1))
        q.labels.random_(0, args.classes)
        q.probs.copy_(torch.softmax(torch.randn_like(q.probs) * 3, dim=1))
        q.full.fill_(True)
    return model


def sync(device):
    if str(device).startswith('cuda'):
        torch.cuda.synchronize()


def time_steps(args, model):
    opt = torch.optim.SGD([p for p in model.parameters() if p.requires_grad],
                          lr=0.1,
                          momentum=0.9,
                          weight_decay=1e-4)
    x = torch.randn(args.batch, 3, args.img, args.img, device=args.device)
    samples = [
        DataSample().set_gt_label(int(i) % args.classes).to(args.device) for i in range(args.batch)
    ]
    times, cpu_times = [], []
    for it in range(args.iters + 2):
        sync(args.device)
        t0, c0 = time.perf_counter(), time.process_time()
        with torch.autocast(
                args.device.split(':')[0],
                enabled=args.amp,
                dtype=torch.bfloat16 if args.device == 'cpu' else torch.float16):
            losses = model.loss(x, samples)
        opt.zero_grad(set_to_none=True)
        sum(losses.values()).backward()
        opt.step()
        sync(args.device)
        if it >= 2:
            times.append(time.perf_counter() - t0)
            cpu_times.append(time.process_time() - c0)
    return _median(times), _median(cpu_times), sorted(losses)


def _median(values):
    return sorted(values)[len(values) // 2]


def time_neighbour_terms(args, batch):
    d = args.device
    z = F.normalize(torch.randn(batch, args.dim, device=d), dim=1).requires_grad_(True)
    logits = torch.randn(batch, args.classes, device=d, requires_grad=True)
    k = F.normalize(torch.randn(batch, args.dim, device=d), dim=1)
    feats = F.normalize(torch.randn(args.queue, args.dim, device=d), dim=1)
    labels = torch.randint(0, args.classes, (args.queue, ), device=d)
    probs = torch.softmax(torch.randn(args.queue, args.classes, device=d), dim=1)
    y = torch.randint(0, args.classes, (batch, ), device=d)
    times, cpu_times = [], []
    for it in range(args.iters + 2):
        sync(d)
        t0, c0 = time.perf_counter(), time.process_time()
        keep = confident_mask(logits)
        loss = neighbour_contrast_loss(z, feats.clone(), labels, y, args.knn_k, 0.1)
        t = neighbour_class_distribution(k, feats, probs, 0.07)
        loss = loss + distribution_consistency_loss(logits, t, keep)
        loss.backward()
        sync(d)
        if it >= 2:
            times.append(time.perf_counter() - t0)
            cpu_times.append(time.process_time() - c0)
    return _median(times), _median(cpu_times)


def main():
    args = parse_args()
    torch.manual_seed(0)
    hub = MessageHub.get_current_instance()
    hub.update_info('max_iters', 1000)
    res = dict(vars(args))
    res['device_name'] = torch.cuda.get_device_name() if args.device.startswith('cuda') else 'cpu'
    res['threads'] = torch.get_num_threads()
    ce = build(args, cone=False)
    # Wall-clock medians, and process CPU-time medians (on a shared CPU the latter is far
    # less sensitive to other jobs; meaningless on GPU).
    res['ce_step_s'], res['ce_step_cpu_s'], _ = time_steps(args, ce)
    del ce
    cone = build(args, cone=True)
    res['cone_step_s'], res['cone_step_cpu_s'], res['cone_loss_keys'] = time_steps(args, cone)
    del cone
    res['nb_batch'] = args.nb_batch or args.batch
    res['neighbour_terms_s'], res['neighbour_terms_cpu_s'] = time_neighbour_terms(
        args, res['nb_batch'])
    res['cone_over_ce'] = res['cone_step_s'] / res['ce_step_s']
    res['cone_over_ce_cpu'] = res['cone_step_cpu_s'] / res['ce_step_cpu_s']
    print(json.dumps(res, indent=1))
    if args.out:
        with open(args.out, 'w') as f:
            json.dump(res, f, indent=1)


if __name__ == '__main__':
    main()
