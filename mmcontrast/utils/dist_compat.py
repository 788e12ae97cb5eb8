# Copyright (c) mmcontrast contributors. All rights reserved.
"""Multi-process runs on machines without a GPU (gloo on CPU).

mmengine 0.10.7 assumes a GPU as soon as a launcher is used: its pytorch
launcher calls ``torch.cuda.set_device(local_rank)`` before
``init_process_group``, the default model wrapper passes
``device_ids=[local_rank]`` to DDP (refused for CPU modules), and SyncBN
layers (which need CUDA tensors) are kept. :func:`prepare_cpu_distributed`
adapts a config so the same command works on CPU: it initialises the process
group with gloo itself (mmengine then skips its own ``init_dist``), builds DDP
with ``device_ids=None``, and turns SyncBN into BN (statistics per process,
as with any non-synchronised BN). On a machine with a GPU it does nothing.
"""
import os
from datetime import timedelta
from typing import Any

import torch
import torch.distributed as dist
from mmengine.config import Config
from mmengine.logging import print_log


def _sync_bn_to_bn(node: Any) -> int:
    """Replace ``type='SyncBN'`` by ``'BN'`` in nested config dicts/lists; count them."""
    n = 0
    if isinstance(node, dict):
        if node.get('type') == 'SyncBN':
            node['type'] = 'BN'
            n += 1
        for v in node.values():
            n += _sync_bn_to_bn(v)
    elif isinstance(node, (list, tuple)):
        for v in node:
            n += _sync_bn_to_bn(v)
    return n


def prepare_cpu_distributed(cfg: Config) -> bool:
    """Make ``cfg`` (with ``cfg.launcher`` set) runnable on CPU processes.

    Args:
        cfg (Config): The full config, after ``cfg.launcher`` is set.

    Returns:
        bool: True when the config was adapted for CPU-distributed running.
    """
    launcher = cfg.get('launcher', 'none')
    if launcher == 'none' or torch.cuda.is_available():
        return False
    if launcher != 'pytorch':
        raise RuntimeError(
            f'--launcher {launcher} without a GPU is not supported; use '
            '`tools/dist_train.sh` (--launcher pytorch) for CPU runs with gloo.')

    env_cfg = cfg.setdefault('env_cfg', dict())
    dist_cfg = env_cfg.setdefault('dist_cfg', dict())
    if dist_cfg.get('backend', 'nccl') != 'gloo':
        print_log(f'No GPU: using the gloo backend instead of '
                  f'{dist_cfg.get("backend", "nccl")!r}.', logger='current')
        dist_cfg['backend'] = 'gloo'
    if not dist.is_initialized():
        timeout = dist_cfg.get('timeout', 1800)
        dist.init_process_group(
            backend='gloo',
            rank=int(os.environ['RANK']),
            world_size=int(os.environ['WORLD_SIZE']),
            timeout=timedelta(seconds=timeout))

    wrapper = cfg.get('model_wrapper_cfg', None) or dict(
        type='MMDistributedDataParallel',
        broadcast_buffers=False,
        find_unused_parameters=cfg.get('find_unused_parameters', False))
    wrapper['device_ids'] = None
    cfg.model_wrapper_cfg = wrapper

    n = _sync_bn_to_bn(cfg.get('model', {}))
    if cfg.get('sync_bn', None) is not None:
        cfg.sync_bn = None
        n += 1
    if n:
        print_log(f'No GPU: {n} SyncBN setting(s) run as per-process BN.',
                  logger='current')
    return True


def teardown_distributed() -> None:
    """Destroy the process group (after a barrier) at the end of a launched run.

    Without it the interpreter exits while gloo's worker threads are still
    alive, and a rank can abort at exit (``terminate called without an active
    exception``, SIGABRT) after all its work is done, failing the launch.
    A no-op without a process group.
    """
    if dist.is_available() and dist.is_initialized():
        dist.barrier()
        dist.destroy_process_group()
