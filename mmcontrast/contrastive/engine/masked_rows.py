# Copyright (c) mmcontrast contributors. All rights reserved.
"""Dense masked row reductions (autograd) for rules the fused kernels do not cover.

:mod:`.fused_rows` serves the hard-target and label-defined rows with an
analytic backward; the reductions here take an explicit boolean ``keep``
mask or soft weights (duplicate masking, padded per-image groups, top-k
negatives, soft targets, KL between row distributions). Masked entries are
filled with a *finite* very negative value, never ``-inf``, so a row whose
every entry is masked has a finite value and a zero (not NaN) gradient; the
caller decides what such a row means (usually: it is left out).
"""
from typing import Optional, Sequence

import torch
import torch.nn.functional as F
from torch import Tensor


def neg_fill(x: Tensor, fraction: float = 1.0) -> float:
    """The finite "-inf" used for masked logits: ``fraction * finfo(dtype).min``."""
    return torch.finfo(x.dtype).min * fraction


def masked_logsumexp(logits: Tensor,
                     keep: Optional[Tensor] = None,
                     dim: int = -1,
                     fill_fraction: float = 1.0) -> Tensor:
    """``log sum_{j: keep_j} exp(logits_j)`` along ``dim``.

    Args:
        logits (Tensor): (..., M) logits.
        keep (Tensor, optional): bool mask broadcastable to ``logits``; None
            keeps every entry. Defaults to None.
        dim (int): Reduced dim. Defaults to -1.
        fill_fraction (float): Masked entries are set to
            ``fill_fraction * finfo.min``. Defaults to 1.

    Returns:
        Tensor: ``logits`` reduced over ``dim``; about ``finfo.min`` for a row
        without any kept entry.
    """
    if keep is not None:
        logits = logits.masked_fill(~keep, neg_fill(logits, fill_fraction))
    return torch.logsumexp(logits, dim=dim)


def combine_logsumexp(parts: Sequence[Tensor]) -> Tensor:
    """Log-sum-exp of several row log-sum-exps (column blocks of one softmax).

    Args:
        parts (Sequence[Tensor]): (n,) log-sum-exps over disjoint columns.

    Returns:
        Tensor: (n,).
    """
    if len(parts) == 1:
        return parts[0]
    return torch.logsumexp(torch.stack(list(parts), 1), dim=1)


def masked_log_softmax(logits: Tensor, keep: Optional[Tensor] = None, dim: int = -1) -> Tensor:
    """``log_softmax`` over the kept entries (masked entries get ~``finfo.min``).

    Args:
        logits (Tensor): (..., M).
        keep (Tensor, optional): bool mask broadcastable to ``logits``.
        dim (int): Softmax dim. Defaults to -1.

    Returns:
        Tensor: same shape as ``logits``.
    """
    if keep is not None:
        logits = logits.masked_fill(~keep, neg_fill(logits))
    return F.log_softmax(logits, dim=dim)


def masked_mean(x: Tensor, keep: Tensor, dim: int = -1) -> Tensor:
    """Mean of ``x`` over the kept entries along ``dim`` (0 for an empty row).

    Args:
        x (Tensor): values.
        keep (Tensor): bool mask broadcastable to ``x``.
        dim (int): Reduced dim. Defaults to -1.

    Returns:
        Tensor: ``sum(x * keep) / max(#keep, 1)`` along ``dim``.
    """
    w = keep.to(x.dtype)
    return (x * w).sum(dim) / w.sum(dim).clamp(min=1)


def kl_rows(log_p: Tensor, log_q: Tensor) -> Tensor:
    """Per-row ``KL(p || q) = sum_j p_j (log p_j - log q_j)`` from log-probabilities.

    Args:
        log_p (Tensor): (n, M) target log-probabilities.
        log_q (Tensor): (n, M) model log-probabilities.

    Returns:
        Tensor: (n,); entries with ``p_j = 0`` contribute 0.
    """
    return F.kl_div(log_q, log_p, reduction='none', log_target=True).sum(-1)
