# Copyright (c) mmcontrast contributors. All rights reserved.
"""A FIFO memory queue of embeddings plus per-entry payloads.

MoCo-style queues (CoNe's neighbour queue, CTP's negatives, InfoNCE with a
memory bank) all need the same bookkeeping: entries kept in registered buffers
(so checkpoints and ``--resume`` restore them), a write pointer, a "has wrapped
once" flag, keys gathered from every rank before they are written, and a
global batch that divides the queue length so that writes never straddle the
end. :class:`MemoryQueue` does exactly that and nothing else.
"""
from typing import Dict, Optional, Sequence, Tuple, Union

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmengine.dist import get_world_size

from .gather import all_gather_no_grad

PayloadSpec = Tuple[Sequence[int], torch.dtype, Union[float, int, str]]


class MemoryQueue(nn.Module):
    """FIFO queue of ``size`` entries: an embedding and optional payloads each.

    Args:
        size (int): Number of entries K.
        dim (int): Embedding dimension D.
        payloads (dict, optional): name -> ``(shape, dtype, init)`` of extra
            per-entry fields, e.g. ``{'label': ((), torch.long, -1),
            'prob': ((1000,), torch.float, 'uniform')}``. ``init`` is a fill
            value, ``'uniform'`` (1/last-dim) or ``'randn'``.
        normalize_init (bool): Initialise embeddings as L2-normalised Gaussian
            noise (MoCo) instead of zeros. Defaults to True.
        gather (bool): All-gather enqueued entries from every rank (no grad).
            Defaults to True; a no-op single-process.

    Buffers: ``feats`` (K, D), ``ptr`` (1,) long, ``full`` (1,) bool, and one
    buffer per payload named after it, (K, *shape).
    """

    def __init__(self,
                 size: int,
                 dim: int,
                 payloads: Optional[Dict[str, PayloadSpec]] = None,
                 normalize_init: bool = True,
                 gather: bool = True) -> None:
        super().__init__()
        if size <= 0 or dim <= 0:
            raise ValueError(
                f'MemoryQueue size and dim must be positive, got size={size}, dim={dim}.')
        self.size = int(size)
        self.dim = int(dim)
        self.gather = gather
        # MoCo starts from unit-norm noise: random negatives, not zero similarities.
        feats = F.normalize(torch.randn(size, dim), dim=1) if normalize_init else torch.zeros(
            size, dim)
        self.register_buffer('feats', feats)
        self.register_buffer('ptr', torch.zeros(1, dtype=torch.long))
        self.register_buffer('full', torch.zeros(1, dtype=torch.bool))
        self.payload_names = []
        for name, (shape, dtype, init) in (payloads or {}).items():
            if name in ('feats', 'ptr', 'full') or hasattr(self, name):
                raise ValueError(f'MemoryQueue payload name {name!r} is reserved.')
            shape = (size, *tuple(shape))
            if isinstance(init, str) and init not in ('uniform', 'randn'):
                raise ValueError(f'MemoryQueue payload {name!r}: init must be a number, '
                                 f"'uniform' or 'randn', got {init!r}.")
            if init == 'uniform' and len(shape) < 2:
                raise ValueError(f"MemoryQueue payload {name!r}: init='uniform' needs a "
                                 'per-entry shape with a last (class) dim, e.g. '
                                 '((1000,), torch.float, "uniform").')
            if init == 'uniform':
                buf = torch.full(shape, 1.0 / shape[-1], dtype=dtype)
            elif init == 'randn':
                buf = torch.randn(shape).to(dtype)
            else:
                buf = torch.full(shape, init, dtype=dtype)
            self.register_buffer(name, buf)
            self.payload_names.append(name)
        # Python mirror of ``full`` so that gating on it costs no device sync once it is
        # true; forgotten whenever a state dict is loaded (resume from an earlier point).
        self._full_cache = False
        self._register_load_state_dict_pre_hook(self._forget_full_cache)

    def _forget_full_cache(self, *args, **kwargs) -> None:
        self._full_cache = False

    def is_full(self) -> bool:
        """Whether the queue has wrapped at least once (reads the buffer until it has)."""
        if not self._full_cache:
            self._full_cache = bool(self.full)
        return self._full_cache

    @property
    def num_filled(self) -> int:
        """Entries written so far (``size`` once the queue has wrapped)."""
        return self.size if bool(self.full) else int(self.ptr)

    def check_batch_size(self, batch_size: int, world_size: Optional[int] = None) -> None:
        """Raise unless the global batch divides the queue length.

        Args:
            batch_size (int): Per-rank batch size.
            world_size (int, optional): Defaults to the current world size.
        """
        world_size = get_world_size() if world_size is None else world_size
        global_batch = batch_size * world_size
        if global_batch <= 0 or self.size % global_batch != 0:
            raise ValueError(
                f'The queue length ({self.size}) must be divisible by the global batch '
                f'size ({batch_size} per rank x {world_size} ranks = {global_batch}); '
                'change the queue size or the batch size (and use drop_last=True).')

    @torch.no_grad()
    def enqueue(self, feats: torch.Tensor, **payloads: torch.Tensor) -> None:
        """Write a batch at the pointer (after gathering it from every rank).

        Args:
            feats (Tensor): (B, D) embeddings, written detached.
            **payloads: (B, *shape) tensors for every payload of the queue.
        """
        missing = set(self.payload_names) - set(payloads)
        extra = set(payloads) - set(self.payload_names)
        if missing or extra:
            raise ValueError(f'enqueue() needs exactly the payloads {self.payload_names}; '
                             f'missing {sorted(missing)}, unexpected {sorted(extra)}.')
        if feats.dim() != 2 or feats.shape[1] != self.dim:
            raise ValueError(f'enqueue() needs (B, {self.dim}) feats, got {tuple(feats.shape)}.')
        for k, v in payloads.items():
            want = tuple(getattr(self, k).shape[1:])
            if v.shape[0] != feats.shape[0] or tuple(v.shape[1:]) != want:
                raise ValueError(f'payload {k!r} must be ({feats.shape[0]}, *{want}), '
                                 f'got {tuple(v.shape)}.')
        if self.gather:
            feats = all_gather_no_grad(feats)
            payloads = {k: all_gather_no_grad(v) for k, v in payloads.items()}
        n = feats.shape[0]
        self.check_batch_size(n, world_size=1)
        ptr = int(self.ptr)
        self.feats[ptr:ptr + n] = feats.detach().to(self.feats.dtype)
        for k, v in payloads.items():
            buf = getattr(self, k)
            buf[ptr:ptr + n] = v.detach().to(buf.dtype)
        ptr = (ptr + n) % self.size
        if ptr == 0:
            self.full[0] = True
        self.ptr[0] = ptr

    def extra_repr(self) -> str:
        return f'size={self.size}, dim={self.dim}, payloads={self.payload_names}'
