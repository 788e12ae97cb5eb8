# Copyright (c) mmcontrast contributors. All rights reserved.
"""Softmax cross-entropy rows over column blocks ``[keys | queue | intra]``.

InfoNCE-style rules contrast each query row with several column blocks (the
in-batch keys, a memory queue, the other queries) and name, per row, one
positive and a few excluded columns. Two engines serve them:

* :func:`fused_cross_entropy_rows` -- hard targets, excluded columns given as
  indices: one :func:`~.fused_rows.masked_row_logsumexp` over the
  concatenated blocks (fused forward, backward = two matmuls);
* :func:`block_logits` + :func:`~.masked_rows.masked_logsumexp` -- the dense
  autograd path for arbitrary per-block ``keep`` masks (duplicate targets)
  and soft targets.
"""
from typing import List, Optional, Sequence, Tuple, Union

import torch
from torch import Tensor

from .fused_rows import masked_row_logsumexp
from .masked_rows import combine_logsumexp, masked_logsumexp
from .similarity import similarity


def fused_cross_entropy_rows(qs: Tensor,
                             s_pos: Tensor,
                             blocks: Sequence[Tensor],
                             excluded: Sequence[Tensor],
                             positive_outside: bool = False) -> Tensor:
    """``logsumexp_{j not excluded} (qs . c_j) - s_pos`` per row, fused.

    Args:
        qs (Tensor): (n, D) rows already scaled by ``1 / T``.
        s_pos (Tensor): (n,) positive logit of each row.
        blocks (Sequence[Tensor]): column blocks (M_b, D), concatenated in
            order (may be empty: no column at all).
        excluded (Sequence[Tensor]): (n,) column indices into the
            concatenation left out of each row (e.g. the self column, or the
            positive for the decoupled loss).
        positive_outside (bool): The positive is not among the columns but
            joins the denominator (MoCo without in-batch negatives).
            Defaults to False.

    Returns:
        Tensor: (n,) per-row loss; 0 for a row whose every column is
        excluded (nothing to contrast).
    """
    if blocks:
        cols = torch.cat(list(blocks)) if len(blocks) > 1 else blocks[0]
        lse = masked_row_logsumexp(qs, cols, torch.stack(list(excluded), 1) if excluded else None)
    else:
        lse = torch.full_like(s_pos, float('-inf'))
    if positive_outside:
        lse = torch.logaddexp(lse, s_pos)
    loss = lse - s_pos
    return torch.where(torch.isfinite(lse), loss, loss.new_zeros(()))


def block_logits(q: Tensor, blocks: Sequence[Tensor],
                 inv_t: Union[float, Tensor]) -> List[Tensor]:
    """``q @ c.T / T`` for every column block (fp32 similarities).

    Args:
        q (Tensor): (n, D) rows.
        blocks (Sequence[Tensor]): (M_b, D) column blocks.
        inv_t (float | Tensor): inverse temperature.

    Returns:
        list[Tensor]: (n, M_b) logits per block.
    """
    return [similarity(q, c, scale=inv_t) for c in blocks]


def dense_cross_entropy_rows(logits: Sequence[Tensor], keeps: Sequence[Optional[Tensor]],
                             s_pos: Optional[Tensor] = None,
                             soft: Optional[Tensor] = None) -> Tuple[Tensor, Tensor]:
    """Cross-entropy rows over masked logit blocks, hard or soft targets.

    Args:
        logits (Sequence[Tensor]): (n, M_b) logits per block.
        keeps (Sequence[Tensor | None]): (n, M_b) bool masks of the columns
            in the softmax per block (None keeps the whole block).
        s_pos (Tensor, optional): (n,) positive logit (hard targets).
        soft (Tensor, optional): (n, sum M_b) target distribution over the
            concatenated blocks (soft targets); exactly one of ``s_pos`` and
            ``soft`` is given.

    Returns:
        tuple[Tensor, Tensor]: (n,) per-row loss (0 where every column is
        masked) and (n,) bool, rows with at least one column.
    """
    lses = [masked_logsumexp(s, k) for s, k in zip(logits, keeps)]
    lse = combine_logsumexp(lses)
    if soft is not None:
        parts, col = [], 0
        for s in logits:
            parts.append((soft[:, col:col + s.shape[1]] * s).sum(1))
            col += s.shape[1]
        loss = soft.sum(1) * lse - sum(parts)
    else:
        loss = lse - s_pos
    fill = torch.finfo(lse.dtype).min
    has_cols = lse > fill / 2
    return torch.where(has_cols, loss, loss.new_zeros(()) + 0 * loss), has_cols
