# Copyright (c) mmcontrast contributors. All rights reserved.
"""Helpers of the fast "does it learn" tests of the segmentation methods: build a tiny
config's model and a few of its training samples in-process (no Runner), take optimizer
steps on a fixed batch, and return the loss dicts before and after."""
import os.path as osp
import random
from typing import Dict, List, Tuple

import numpy as np
import torch
from mmengine.config import Config
from mmengine.dataset import pseudo_collate
from mmengine.registry import init_default_scope


def build_model_and_batch(repo_root: str, cfg_path: str, n: int, seed: int = 0):
    """The config's model (train mode) and a preprocessed batch of its first ``n``
    training samples (train pipeline, so random augmentation at the seed)."""
    import mmcontrast.seg  # noqa: F401
    from mmseg.registry import DATASETS, MODELS
    init_default_scope('mmseg')
    cfg = Config.fromfile(osp.join(repo_root, cfg_path))
    torch.manual_seed(seed)
    np.random.seed(seed)  # the transforms draw from numpy / random
    random.seed(seed)
    model = MODELS.build(cfg.model)
    model.init_weights()
    ds_cfg = cfg.train_dataloader.dataset
    ds_cfg.data_root = osp.join(repo_root, ds_cfg.data_root)
    dataset = DATASETS.build(ds_cfg)
    batch = pseudo_collate([dataset[i] for i in range(n)])
    data = model.data_preprocessor(batch, True)
    return model.train(), data


def train_steps(model, data: dict, steps: int, lr: float,
                seed: int = 0) -> Tuple[List[Dict[str, float]], List[float]]:
    """``steps`` AdamW steps on one batch; returns per-step loss dicts and totals."""
    torch.manual_seed(seed)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.0)
    logs, totals = [], []
    for _ in range(steps):
        losses = model.loss(data['inputs'], data['data_samples'])
        total = sum(v for k, v in losses.items() if 'loss' in k)
        assert torch.isfinite(total)
        opt.zero_grad()
        total.backward()
        opt.step()
        logs.append({k: float(v) for k, v in losses.items() if 'loss' in k})
        totals.append(float(total))
    return logs, totals
