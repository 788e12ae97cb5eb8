# Copyright (c) mmcontrast contributors. All rights reserved.
"""Reducers of per-sample losses (pytorch-metric-learning's "reducer" idea): valid and weighted means."""
from typing import Optional

import torch
from torch import Tensor


def valid_mean(losses: Tensor, valid: Optional[Tensor], zero: Tensor) -> Tensor:
    """Mean of per-sample ``losses`` over the samples marked ``valid``.

    Args:
        losses (Tensor): (B,) per-sample losses.
        valid (Tensor, optional): (B,) bool/0-1 mask; None means all valid.
        zero (Tensor): The value returned when no sample is valid (or B = 0);
            pass ``inputs.sum() * 0`` so that it keeps the graph.

    Returns:
        Tensor: Scalar; ``sum(losses[valid]) / #valid``.
    """
    if valid is None:
        return losses.mean() if losses.numel() else zero
    valid = valid.reshape(-1).bool()
    if valid.numel() != losses.numel():
        raise ValueError(f'valid must have B={losses.numel()} entries, got {valid.numel()}.')
    n_valid = int(valid.sum())
    if n_valid == 0:
        return zero
    return torch.where(valid, losses, losses.new_zeros(())).sum() / n_valid


def weighted_mean(losses: Tensor, weights: Tensor, zero: Tensor) -> Tensor:
    """``sum_b w_b l_b / sum_b w_b`` with constant (detached) weights.

    Args:
        losses (Tensor): (B,) per-sample losses.
        weights (Tensor): (B,) non-negative weights.
        zero (Tensor): Returned when every weight is 0 (or B = 0).

    Returns:
        Tensor: scalar.
    """
    w = weights.detach().reshape(-1).to(losses.dtype)
    if w.numel() != losses.numel():
        raise ValueError(f'weights must have B={losses.numel()} entries, got {w.numel()}.')
    total = w.sum()
    if losses.numel() == 0 or float(total) == 0:
        return zero
    return torch.where(w != 0, losses, losses.new_zeros(())).mul(w).sum() / total
