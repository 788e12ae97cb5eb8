# Copyright (c) mmcontrast contributors. All rights reserved.
"""Row-chunked evaluation of dense losses with gradient checkpointing.

A contrastive loss over N anchors and M keys materialises an (N, M) logit
matrix in the forward and keeps it (plus softmax buffers) for the backward.
:func:`chunked_rows` evaluates a per-row function on blocks of ``chunk_size``
rows under :func:`torch.utils.checkpoint.checkpoint` (non-reentrant), so only
one ``chunk_size x M`` block is alive at any time in the forward *and* in the
backward, at the cost of recomputing each block's logits once (InfoNCE's
``chunk_size``). SupCon uses the cheaper streamed form of
:func:`mmcontrast.contrastive.engine.fused_rows.weighted_row_sum`, which needs no
recomputation because its per-row weights are known in the forward.
"""
from typing import Callable, Optional, Sequence

import torch
from torch import Tensor
from torch.utils.checkpoint import checkpoint


def chunked_rows(
    fn: Callable[..., Tensor],
    chunk_size: Optional[int],
    rows: Sequence[Optional[Tensor]],
    shared: Sequence[object] = ()) -> Tensor:
    """Evaluate ``fn(*rows_chunk, *shared) -> (n_chunk, ...)`` chunk by chunk.

    Args:
        fn (Callable): Row-wise function; its output's first dim indexes the
            rows of ``rows``. It must be a pure function of its arguments
            (it is re-run in the backward).
        chunk_size (int, optional): Rows per chunk; None or >= N runs ``fn``
            once without checkpointing.
        rows (Sequence[Tensor | None]): Tensors split along dim 0 (all with
            the same first dim N); None entries are passed through.
        shared (Sequence): Arguments passed unchanged to every chunk
            (tensors, floats, flags).

    Returns:
        Tensor: the chunk outputs concatenated along dim 0, (N, ...).
    """
    n = next(r for r in rows if r is not None).shape[0]
    if chunk_size is None or n <= chunk_size:
        return fn(*rows, *shared)
    outs = []
    for start in range(0, n, chunk_size):
        args = [
            r[start:start + chunk_size] if r is not None else None
            for r in rows
        ]
        if torch.is_grad_enabled():
            outs.append(checkpoint(fn, *args, *shared, use_reentrant=False))
        else:
            outs.append(fn(*args, *shared))
    return torch.cat(outs)
