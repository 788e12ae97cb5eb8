# Copyright (c) mmcontrast contributors. All rights reserved.
"""Seconds per training iteration of a segmentation config on synthetic data.

Prints wall seconds and process CPU seconds (all threads) per iteration. Builds
``cfg.model`` (SyncBN -> BN, no pretrained weights), feeds random images of
``--crop`` with random labels over ``num_classes``, and times forward + backward + an
optimizer step built from ``cfg.optim_wrapper`` after ``--warmup`` untimed iterations.

    python tools/analysis/benchmark_train_iter.py \
        configs/icpc/icpc_r50-fpn_8xb4-80k_ade20k-512x512.py \
        --batch-size 1 --iters 3
"""
import argparse
import time

import torch
from mmengine.config import Config, ConfigDict
from mmengine.optim import build_optim_wrapper
from mmengine.registry import DefaultScope, init_default_scope
from mmengine.structures import PixelData
from mmengine.utils import import_modules_from_strings


def _syncbn_to_bn(cfg):
    if isinstance(cfg, dict):
        for k, v in cfg.items():
            if k == 'type' and v == 'SyncBN':
                cfg[k] = 'BN'
            else:
                _syncbn_to_bn(v)
    elif isinstance(cfg, list):
        for v in cfg:
            _syncbn_to_bn(v)


def _drop_init_cfg(cfg):
    if isinstance(cfg, dict):
        if isinstance(cfg.get('init_cfg'), dict) and cfg['init_cfg'].get('type') == 'Pretrained':
            cfg['init_cfg'] = None
        for v in cfg.values():
            _drop_init_cfg(v)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('config')
    parser.add_argument('--batch-size', type=int, default=1)
    parser.add_argument('--crop', type=int, nargs=2, default=None, help='H W (default: config)')
    parser.add_argument('--iters', type=int, default=3)
    parser.add_argument('--warmup', type=int, default=1)
    args = parser.parse_args()

    cfg = Config.fromfile(args.config)
    if cfg.get('custom_imports'):
        import_modules_from_strings(**cfg.custom_imports)
    init_default_scope(cfg.get('default_scope', 'mmseg'))
    from mmseg.registry import MODELS
    from mmseg.structures import SegDataSample
    model_cfg = cfg.model
    _syncbn_to_bn(model_cfg)
    _drop_init_cfg(model_cfg)
    torch.manual_seed(0)
    model = MODELS.build(model_cfg)
    model.init_weights()
    model.train()
    optim = build_optim_wrapper(model, ConfigDict(cfg.optim_wrapper))
    h, w = args.crop or cfg.get('crop_size', (512, 512))
    K = model.num_classes
    B = args.batch_size
    g = torch.Generator().manual_seed(0)
    samples = []
    for _ in range(B):
        d = SegDataSample()
        d.gt_sem_seg = PixelData(data=torch.randint(0, K, (1, h, w), generator=g))
        d.set_metainfo(dict(img_shape=(h, w), ori_shape=(h, w), pad_shape=(h, w)))
        samples.append(d)
    inputs = [torch.randint(0, 256, (3, h, w), generator=g, dtype=torch.uint8) for _ in range(B)]
    times, cpu = [], []
    for i in range(args.warmup + args.iters):
        t0, c0 = time.perf_counter(), time.process_time()
        data = model.data_preprocessor(dict(inputs=inputs, data_samples=samples), True)
        losses = model.loss(data['inputs'], data['data_samples'])
        loss, _ = model.parse_losses(losses)
        optim.update_params(loss)
        if i >= args.warmup:
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
    # Wall time depends on the machine's load; process CPU time (all threads) much less.
    print(f'{args.config}: {B}x{h}x{w}, K={K}, threads={torch.get_num_threads()}: '
          f'{sum(times) / len(times):.2f} s/iter wall (min {min(times):.2f}), '
          f'{sum(cpu) / len(cpu):.2f} CPU-s/iter (mean of {len(times)})')


if __name__ == '__main__':
    with DefaultScope.overwrite_default_scope('mmseg'):
        main()
