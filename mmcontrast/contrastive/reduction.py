# Copyright (c) mmcontrast contributors. All rights reserved.
"""Reducers shared by per-sample losses (pytorch-metric-learning's "reducer" idea)."""
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
