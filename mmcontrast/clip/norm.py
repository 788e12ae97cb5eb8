# Copyright (c) mmcontrast contributors. All rights reserved.
"""2-D norm layers from an mmcv-style ``norm_cfg`` without importing mmcv."""
import torch.nn as nn

_NORMS = {'BN': nn.BatchNorm2d, 'BN2d': nn.BatchNorm2d, 'SyncBN': nn.SyncBatchNorm}


def build_norm2d(norm_cfg: dict, num_features: int) -> nn.Module:
    """Build the norm of CLIP's ResNet / ViT necks.

    Args:
        norm_cfg (dict): ``dict(type='BN' | 'SyncBN', requires_grad=True,
            eps=..., momentum=...)`` as in mmcv; SyncBN falls back to BN
            statistics when no process group is initialised (PyTorch).
        num_features (int): Channels C of the (B, C, H, W) input.

    Returns:
        nn.Module: The norm layer.
    """
    cfg = dict(norm_cfg)
    kind = cfg.pop('type', 'BN')
    if kind not in _NORMS:
        raise ValueError(f"norm_cfg.type must be one of {sorted(_NORMS)}, got {kind!r}.")
    requires_grad = cfg.pop('requires_grad', True)
    layer = _NORMS[kind](num_features, **cfg)
    for p in layer.parameters():
        p.requires_grad_(requires_grad)
    return layer
