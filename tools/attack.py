# Copyright (c) mmcontrast contributors. All rights reserved.
"""Run an FP-attack config on a victim checkpoint (mirrors tools/test.py).

    python tools/attack.py configs/fpattack/fpattack-st_signet_adam50_cedar.py \
        --checkpoint work_dirs/signet_1xb32-20e_cedar/best.pth [--threshold 0.0314] \
        [--save-images] [--out-dir DIR]
"""
import argparse
import os
import os.path as osp

import mmengine
from mmengine.config import Config, DictAction
from mmengine.dist import is_main_process
from mmengine.registry import RUNNERS
from mmengine.runner import Runner

import mmcontrast  # noqa: F401
from mmcontrast.utils import prepare_cpu_distributed
from mmcontrast.utils.dist_compat import teardown_distributed


def parse_args():
    parser = argparse.ArgumentParser(description='FP-attack a verifier checkpoint')
    parser.add_argument('config')
    parser.add_argument('--checkpoint', required=True, help='victim checkpoint')
    parser.add_argument('--work-dir', help='work dir (metrics, logs; adv/ PNGs)')
    parser.add_argument('--out-dir', help='alias of --work-dir')
    parser.add_argument('--threshold', type=float, help='τ (overrides the attack config)')
    parser.add_argument('--save-images', action='store_true', help='write adv/*.png')
    parser.add_argument('--out', help='dump the metrics to this file')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction)
    parser.add_argument('--launcher', choices=['none', 'pytorch', 'slurm', 'mpi'],
                        default='none')
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)
    args = parser.parse_args()
    if 'LOCAL_RANK' not in os.environ:
        os.environ['LOCAL_RANK'] = str(args.local_rank)
    return args


def main():
    args = parse_args()
    cfg = Config.fromfile(args.config)
    cfg.launcher = args.launcher
    work_dir = args.work_dir or args.out_dir
    if work_dir is not None:
        cfg.work_dir = work_dir
    elif cfg.get('work_dir', None) is None:
        cfg.work_dir = osp.join('./work_dirs', osp.splitext(osp.basename(args.config))[0])
    if not osp.isfile(args.checkpoint):
        raise FileNotFoundError(f'--checkpoint {args.checkpoint!r} does not exist.')
    cfg.load_from = args.checkpoint
    if cfg.get('test_cfg', {}).get('type') != 'FPAttackLoop':
        raise ValueError(f'{args.config}: test_cfg.type must be FPAttackLoop for tools/attack.py.')
    if args.threshold is not None:
        cfg.test_cfg.attack.threshold = args.threshold
    if args.save_images:
        cfg.test_cfg.save_images = True
    if args.cfg_options is not None:
        cfg.merge_from_dict(args.cfg_options)
    prepare_cpu_distributed(cfg)
    runner = Runner.from_cfg(cfg) if 'runner_type' not in cfg else RUNNERS.build(cfg)
    metrics = runner.test()
    main_process = is_main_process()  # before the group is gone (every rank is 0 then)
    teardown_distributed()
    if args.out and main_process:  # every rank holds the same broadcast metrics
        mmengine.dump(metrics, args.out)


if __name__ == '__main__':
    main()
