# Copyright (c) mmcontrast contributors. All rights reserved.
"""Per-sample loss terms of FP-attack (fpattack.md §3); each returns (B,).

Summing them over the batch makes B pairs in one batch an exact copy of B
batch-1 runs (Adam is element-wise), fpattack.md §5.
"""
from typing import Dict, Sequence

import torch
from torch import Tensor


def gram(feat: Tensor) -> Tensor:
    """(B, C, H, W) -> (B, C, C) ``F F^T / (C H W)`` per sample (``torch.bmm``)."""
    b, c, h, w = feat.shape
    f = feat.reshape(b, c, h * w)
    return torch.bmm(f, f.transpose(1, 2)) / (c * h * w)


def style_loss(feats: Dict[str, Tensor], target_grams: Dict[str, Tensor],
               taps: Sequence[str]) -> Tensor:
    """(B,) ``sum_l mean((gram(F_l) - G_l)^2)``."""
    return sum(((gram(feats[t]) - target_grams[t]) ** 2).mean(dim=(1, 2)) for t in taps)


def tv_loss(x: Tensor) -> Tensor:
    """(B,) ``2 * (mean(dv^2) + mean(dh^2))`` over C(H-1)W and CH(W-1), per sample."""
    dv = (x[:, :, 1:, :] - x[:, :, :-1, :]).pow(2).mean(dim=(1, 2, 3))
    dh = (x[:, :, :, 1:] - x[:, :, :, :-1]).pow(2).mean(dim=(1, 2, 3))
    return 2 * (dv + dh)


def l1_sum(x: Tensor, ref: Tensor) -> Tensor:
    """(B,) ``sum_pixels |x - ref|`` (a SUM, as the official code)."""
    return (x - ref).abs().sum(dim=(1, 2, 3))


def attack_hinge(d: Tensor, threshold: float) -> Tensor:
    """(B,) ``d / τ`` where ``d > τ``, else 0 (zero once accepted)."""
    return torch.where(d > threshold, d / threshold, torch.zeros_like(d))
