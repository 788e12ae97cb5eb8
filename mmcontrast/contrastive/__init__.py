# Copyright (c) mmcontrast contributors. All rights reserved.
"""The host-agnostic contrastive core: pure torch + mmengine, no host library.

* ``losses``: one loss per file, each a pure function plus a thin registered
  ``nn.Module`` (root ``MODELS`` registry).
* ``samplers``: anchor/pixel samplers and label helpers for dense losses.
* ``queue``: a FIFO memory queue with per-entry payloads, kept in buffers.
* ``gather``: a gradient-carrying all-gather across ranks.
"""
from . import engine, losses, miners, samplers  # noqa: F401
from .chunking import chunked_rows
from .fused_rows import (masked_row_logsumexp, negatives_only_row_terms,
                         weighted_row_sum)
from .gather import all_gather_no_grad, all_gather_with_grad
from .queue import MemoryQueue

__all__ = [
    'all_gather_with_grad', 'all_gather_no_grad', 'MemoryQueue', 'chunked_rows',
    'masked_row_logsumexp', 'negatives_only_row_terms', 'weighted_row_sum'
]
