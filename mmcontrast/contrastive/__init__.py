# Copyright (c) mmcontrast contributors. All rights reserved.
"""The host-agnostic contrastive core: pure torch + mmengine, no host library.

* ``engine``: similarities in fp32, fused and dense masked row reductions,
  chunking, reducers, gathers and input checks: the shared machinery.
* ``losses``: one rule per file (which pairs are positive/negative and how
  they are weighted), a pure function plus a thin registered ``nn.Module``
  (root ``MODELS`` registry), built on the engine.
* ``miners``: in-batch pair/triplet masks and pair weights (Age, CLIP4Cir,
  DCCL).
* ``samplers``: anchor/pixel samplers and label helpers for dense losses.
* ``queue``: a FIFO memory queue with per-entry payloads, kept in buffers.
* ``gather``: a gradient-carrying all-gather across ranks.
"""
from . import engine, losses, miners, samplers  # noqa: F401
from .engine import (all_gather_no_grad, all_gather_with_grad, chunked_rows,
                     masked_row_logsumexp, negatives_only_row_terms, weighted_row_sum)
from .queue import MemoryQueue

__all__ = [
    'all_gather_with_grad', 'all_gather_no_grad', 'MemoryQueue', 'chunked_rows',
    'masked_row_logsumexp', 'negatives_only_row_terms', 'weighted_row_sum'
]
