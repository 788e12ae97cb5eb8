# Copyright (c) mmcontrast contributors. All rights reserved.
"""InfoNCE / NT-Xent between queries and keys, with every variant the methods use.

One row-wise softmax cross-entropy over the logits
``[query @ keys.T | query @ queue.T | query @ queries.T (self masked)] / T``
(van den Oord et al., "Representation Learning with Contrastive Predictive
Coding", 2018; SimCLR's NT-Xent, Chen et al., ICML 2020; MoCo, He et al.,
CVPR 2020; CLIP, Radford et al., ICML 2021), with switches for:

* one or two directions (``symmetric``: also keys -> queries, 'mean' as
  CLIP/CTP's ITC and lightly's losses or 'sum' as the DCCL code's DCL);
* in-batch keys as negatives or only the positive (``in_batch_negatives``,
  MoCo) and an optional queue of negatives (a (K, D) tensor; the module can
  own a :class:`~mmcontrast.contrastive.MemoryQueue`);
* same-view negatives (``intra_negatives``: the NT-Xent of SimCLR / DCL);
* hard targets (column index per row, default the diagonal) or soft targets
  (a distribution over the columns, ALBEF-style distillation);
* the decoupled variant (Yeh et al., "Decoupled Contrastive Learning", ECCV
  2022): the positive is removed from the denominator;
* masking of duplicate targets (``key_ids``: a column showing the same
  sample/target id as the row's positive is no negative; CLIP4Cir);
* keys (and queries) gathered across ranks with gradients, targets offset by
  ``rank * B`` (CTP's ITC);
* row chunks under checkpointing (``chunk_size``).

Why not ``F.cross_entropy`` on a concatenated logit matrix: the hard-target
loss is ``logsumexp(row) - s_pos`` with ``s_pos = q_i . k_t(i) / T``
computed from the embeddings, so without soft targets or duplicate masking
the dense work is :func:`~mmcontrast.contrastive.fused_rows.masked_row_logsumexp`
(fused forward, backward = two matmuls; ``benchmarks/losses.py`` measures
it); soft targets and ``key_ids`` masking take a plain autograd path.
"""
import math
from typing import Optional, Sequence, Union

import torch
import torch.nn as nn
from mmengine.dist import get_rank, get_world_size
from torch import Tensor

from mmcontrast.registry import MODELS
from ..chunking import chunked_rows
from ..fused_rows import masked_row_logsumexp
from ..gather import all_gather_no_grad, all_gather_with_grad
from ..queue import MemoryQueue

_FILL = 'min'


def _fp32(x: Optional[Tensor]) -> Optional[Tensor]:
    if x is None:
        return None
    return x.float() if x.dtype in (torch.float16, torch.bfloat16) else x


def _rows_loss(q: Tensor, tgt: Optional[Tensor], soft: Optional[Tensor],
               row_id: Tensor, tgt_id: Optional[Tensor], k: Tensor,
               queue: Optional[Tensor], intra: Optional[Tensor],
               key_ids: Optional[Tensor], queue_ids: Optional[Tensor],
               inv_t: Union[float, Tensor], in_batch: bool,
               decoupled: bool) -> Tensor:
    """(n,) per-row loss for a block of query rows.

    ``tgt`` (n,) hard target columns in ``k`` or ``soft`` (n, C) targets;
    ``row_id`` (n,) global row index (self column of the ``intra`` block);
    ``tgt_id`` (n,) id of the row's target (duplicate masking).
    """
    fill = torch.finfo(q.dtype).min
    lses = []
    soft_parts = []
    col = 0
    # key block
    if in_batch:
        s = (q @ k.t()) * inv_t
        if tgt_id is not None:
            dup = key_ids[None, :] == tgt_id[:, None]
            if tgt is not None:
                dup[torch.arange(q.shape[0], device=q.device), tgt] = False
            s = s.masked_fill(dup, fill)
        s_pos = None
        if tgt is not None:
            s_pos = s.gather(1, tgt[:, None])[:, 0]
            if decoupled:
                s = s.scatter(1, tgt[:, None], fill)
    else:  # MoCo: the positive is the only in-batch column
        s_pos = (q * k[tgt]).sum(1) * inv_t
        s = None if decoupled else s_pos[:, None]
    if s is not None:
        lses.append(torch.logsumexp(s, dim=1))
        if soft is not None:
            soft_parts.append((soft[:, col:col + s.shape[1]] * s).sum(1))
            col += s.shape[1]
    if queue is not None and queue.shape[0] > 0:
        s = (q @ queue.t()) * inv_t
        if tgt_id is not None and queue_ids is not None:
            s = s.masked_fill(queue_ids[None, :] == tgt_id[:, None], fill)
        lses.append(torch.logsumexp(s, dim=1))
        if soft is not None:
            soft_parts.append((soft[:, col:col + s.shape[1]] * s).sum(1))
            col += s.shape[1]
    if intra is not None:
        s = (q @ intra.t()) * inv_t
        s = s.scatter(1, row_id[:, None], fill)
        if tgt_id is not None and key_ids is not None and key_ids.shape[
                0] == intra.shape[0]:
            s = s.masked_fill(key_ids[None, :] == tgt_id[:, None], fill)
        lses.append(torch.logsumexp(s, dim=1))
        if soft is not None:
            soft_parts.append((soft[:, col:col + s.shape[1]] * s).sum(1))
    if not lses:  # decoupled, no other column at all
        return q.sum(1) * 0
    lse = torch.logsumexp(
        torch.stack(lses, 1), dim=1) if len(lses) > 1 else lses[0]
    if soft is not None:
        loss = soft.sum(1) * lse - sum(soft_parts)
    else:
        loss = lse - s_pos
    # rows whose every column is masked (decoupled with nothing to contrast)
    return torch.where(lse > fill / 2, loss, loss.new_zeros(()) + 0 * loss)


def _rows_loss_fused(q: Tensor, tgt: Tensor, row_id: Tensor, k: Tensor,
                     queue: Optional[Tensor], intra: Optional[Tensor],
                     inv_t: Union[float, Tensor], in_batch: bool,
                     decoupled: bool) -> Tensor:
    """(n,) hard-target rows via :func:`masked_row_logsumexp` (no dedup, no soft targets).

    The columns ``[keys | queue | intra]`` are concatenated (O((M + K) D))
    and the positive (decoupled) and the self column of the intra block are
    the excluded columns of each row.
    """
    qs = q * inv_t
    s_pos = (qs * k[tgt]).sum(1)
    blocks, excl = [], []
    width = 0
    if in_batch:
        blocks.append(k)
        if decoupled:
            excl.append(tgt)
        width += k.shape[0]
    if queue is not None and queue.shape[0] > 0:
        blocks.append(queue)
        width += queue.shape[0]
    if intra is not None:
        blocks.append(intra)
        excl.append(row_id + width)
    if blocks:
        cols = torch.cat(blocks) if len(blocks) > 1 else blocks[0]
        lse = masked_row_logsumexp(qs, cols,
                                   torch.stack(excl, 1) if excl else None)
    else:
        lse = torch.full_like(s_pos, float('-inf'))
    if not in_batch and not decoupled:  # MoCo: the positive joins the queue's denominator
        lse = torch.logaddexp(lse, s_pos)
    loss = lse - s_pos
    # rows whose every column is excluded (decoupled, nothing to contrast)
    return torch.where(torch.isfinite(lse), loss, loss.new_zeros(()))


def _one_direction(q: Tensor, k: Tensor, queue: Optional[Tensor],
                   targets: Optional[Tensor], q_all: Optional[Tensor],
                   key_ids: Optional[Tensor], queue_ids: Optional[Tensor],
                   offset: int, inv_t, in_batch: bool, decoupled: bool,
                   chunk_size: Optional[int]) -> Tensor:
    """Mean loss of the rows of ``q`` against ``[k | queue | q_all]``."""
    b = q.shape[0]
    n_cols = (k.shape[0] if in_batch else 1) + (0 if queue is None else queue.shape[0]) + \
        (0 if q_all is None else q_all.shape[0])
    hard, soft = None, None
    if targets is None:
        hard = torch.arange(b, device=q.device) + offset
    elif targets.dim() == 1:
        hard = targets.long()
        if hard.shape[0] != b or (
                hard.numel() and (hard.min() < 0 or hard.max() >= k.shape[0])):
            raise ValueError(
                f'hard targets must be ({b},) column indices into the {k.shape[0]} keys.'
            )
    else:
        if targets.shape != (b, n_cols):
            raise ValueError(
                f'soft targets must be (B, C) = ({b}, {n_cols}) over the columns '
                f'[keys | queue | intra], got {tuple(targets.shape)}.')
        if decoupled or not in_batch:
            raise ValueError(
                'soft targets need decoupled=False and in_batch_negatives=True.'
            )
        soft = _fp32(targets)
    tgt_id = None
    if key_ids is not None and hard is not None:
        tgt_id = key_ids[hard]
    row_id = torch.arange(b, device=q.device) + offset
    if soft is None and tgt_id is None:  # common case: fused log-sum-exp, no masks
        shared = (k, queue, q_all, inv_t, in_batch, decoupled)
        return chunked_rows(_rows_loss_fused, chunk_size, (q, hard, row_id),
                            shared).mean()
    rows = (q, hard, soft, row_id, tgt_id)
    shared = (k, queue, q_all, key_ids, queue_ids, inv_t, in_batch, decoupled)
    return chunked_rows(_rows_loss, chunk_size, rows, shared).mean()


def info_nce_loss(query: Tensor,
                  key: Tensor,
                  queue: Optional[Tensor] = None,
                  temperature: Union[float, Tensor] = 0.07,
                  targets: Optional[Tensor] = None,
                  key_targets: Optional[Tensor] = None,
                  symmetric: bool = False,
                  symmetric_reduction: str = 'mean',
                  in_batch_negatives: bool = True,
                  intra_negatives: bool = False,
                  decoupled: bool = False,
                  key_ids: Optional[Tensor] = None,
                  queue_ids: Optional[Tensor] = None,
                  gather: bool = False,
                  chunk_size: Optional[int] = None) -> Tensor:
    """InfoNCE / NT-Xent loss between queries and keys.

    Row i of ``query`` is contrasted with the columns ``[keys | queue |
    queries (intra_negatives, self masked)]``; its positive is key
    ``targets[i]`` (default: key i, i.e. ``rank * B + i`` after gathering).
    Embeddings are used as given (normalise before calling); computation is
    in float32 (float64 stays float64). Reduction: mean over the local rows.

    Args:
        query (Tensor): (B, D) queries.
        key (Tensor): (B, D) keys (M may differ from B with explicit targets).
        queue (Tensor, optional): (K, D) extra negatives (a memory queue;
            pass it detached). Defaults to None.
        temperature (float | Tensor): Temperature T (> 0); a scalar tensor
            (e.g. ``exp(-logit_scale)``) is differentiated. Defaults to 0.07.
        targets (Tensor, optional): (B,) hard target columns into the keys,
            or (B, C) soft targets over all C columns. Defaults to None
            (the diagonal).
        key_targets (Tensor, optional): Targets of the key -> query
            direction when ``symmetric`` and ``targets`` are given.
        symmetric (bool): Also contrast keys against queries. Defaults to
            False.
        symmetric_reduction (str): ``'mean'`` or ``'sum'`` of the two
            directions. Defaults to 'mean'.
        in_batch_negatives (bool): Use the other keys as negatives; False
            keeps only the positive key (MoCo with a queue). Defaults to True.
        intra_negatives (bool): Add the other queries as negatives
            (SimCLR's NT-Xent over 2B views). Defaults to False.
        decoupled (bool): Remove the positive from the denominator (DCL).
            Defaults to False.
        key_ids (Tensor, optional): (B,) sample/target id per key; columns
            with the same id as the row's positive are not negatives (and
            same-id queries in the intra block, queries and keys being
            paired). Defaults to None.
        queue_ids (Tensor, optional): (K,) ids of the queue entries, masked
            likewise (needs ``key_ids``). Defaults to None.
        gather (bool): All-gather keys (and queries for the reverse and intra
            terms) from every rank with gradients. Defaults to False.
        chunk_size (int, optional): Rows per checkpointed chunk. Defaults to
            None.

    Returns:
        Tensor: scalar loss (0 where a row has nothing to contrast).
    """
    if query.dim() != 2 or key.dim() != 2 or query.shape[1] != key.shape[1]:
        raise ValueError(
            f'query (B, D) and key (M, D) must share D; got {tuple(query.shape)} and '
            f'{tuple(key.shape)}.')
    if isinstance(temperature, Tensor):
        if temperature.numel() != 1 or not bool((temperature > 0).all()):
            raise ValueError('temperature must be a positive scalar.')
    elif temperature <= 0:
        raise ValueError(f'temperature must be > 0, got {temperature}.')
    if symmetric_reduction not in ('mean', 'sum'):
        raise ValueError(
            f"symmetric_reduction must be 'mean' or 'sum', got {symmetric_reduction!r}."
        )
    if chunk_size is not None and chunk_size <= 0:
        raise ValueError(
            f'chunk_size must be a positive int or None, got {chunk_size}.')
    if symmetric and queue is not None:
        raise ValueError(
            'symmetric=True with a queue is ambiguous (the reverse direction needs its '
            'own queue): call info_nce_loss once per direction.')
    if not in_batch_negatives and targets is not None and targets.dim() > 1:
        raise ValueError('in_batch_negatives=False needs hard targets.')
    if queue_ids is not None and key_ids is None:
        raise ValueError(
            'queue_ids needs key_ids (the id of each row\'s positive).')
    if symmetric and targets is not None and key_targets is None:
        raise ValueError(
            'symmetric=True with explicit targets also needs key_targets.')
    if symmetric and key.shape[0] != query.shape[0]:
        raise ValueError('symmetric=True needs as many keys as queries.')
    if intra_negatives and key.shape[0] != query.shape[0]:
        raise ValueError(
            'intra_negatives=True needs as many keys as queries (paired views).'
        )
    q, k, queue = _fp32(query), _fp32(key), _fp32(queue)
    if isinstance(temperature, Tensor):
        inv_t = 1.0 / _fp32(temperature.reshape(()))
    else:
        inv_t = 1.0 / float(temperature)
    if queue is not None:
        queue = queue.to(q.dtype)
    offset = 0
    q_all, k_all = q, k
    if gather and get_world_size() > 1:
        offset = get_rank() * q.shape[0]
        k_all = all_gather_with_grad(k)
        if symmetric or intra_negatives:
            q_all = all_gather_with_grad(q)
        if key_ids is not None:
            key_ids = all_gather_no_grad(key_ids)
    loss = _one_direction(q, k_all, queue, targets,
                          q_all if intra_negatives else None, key_ids,
                          queue_ids, offset, inv_t, in_batch_negatives,
                          decoupled, chunk_size)
    if symmetric:
        loss_t = _one_direction(k, q_all, None, key_targets,
                                k_all if intra_negatives else None, key_ids,
                                None, offset, inv_t, in_batch_negatives,
                                decoupled, chunk_size)
        loss = loss + loss_t
        if symmetric_reduction == 'mean':
            loss = loss / 2
    return loss


@MODELS.register_module()
class InfoNCELoss(nn.Module):
    """InfoNCE / NT-Xent loss module (CPC, SimCLR, MoCo, CLIP, DCL variants).

    Configuration and bookkeeping around :func:`info_nce_loss`: a fixed or
    learnable temperature (log-parametrised logit scale clamped at
    ``max_logit_scale`` like CLIP) and an optional owned memory queue of
    negatives (MoCo; filled with the detached keys after each training
    forward).

    Args:
        temperature (float): Initial/fixed temperature. Defaults to 0.07.
        learnable_temperature (bool): Learn ``logit_scale = log(1/T)``.
            Defaults to False.
        max_logit_scale (float): Clamp of ``1/T`` when learnable (CLIP: 100).
            Defaults to 100.
        symmetric (bool): Two directions. Defaults to False.
        symmetric_reduction (str): 'mean' or 'sum'. Defaults to 'mean'.
        in_batch_negatives (bool): Defaults to True.
        intra_negatives (bool): Defaults to False.
        decoupled (bool): Defaults to False.
        gather (bool): Gather keys across ranks with gradient. Defaults to
            False.
        queue_size (int): Length of an owned queue of negatives; 0 for none.
            Defaults to 0.
        queue_dim (int, optional): Embedding dim of the owned queue.
        chunk_size (int, optional): Rows per checkpointed chunk.
        loss_weight (float): Defaults to 1.0.
        loss_name (str): Defaults to 'loss_info_nce'.
    """

    def __init__(self,
                 temperature: float = 0.07,
                 learnable_temperature: bool = False,
                 max_logit_scale: float = 100.0,
                 symmetric: bool = False,
                 symmetric_reduction: str = 'mean',
                 in_batch_negatives: bool = True,
                 intra_negatives: bool = False,
                 decoupled: bool = False,
                 gather: bool = False,
                 queue_size: int = 0,
                 queue_dim: Optional[int] = None,
                 chunk_size: Optional[int] = None,
                 loss_weight: float = 1.0,
                 loss_name: str = 'loss_info_nce') -> None:
        super().__init__()
        if temperature <= 0:
            raise ValueError(
                f'InfoNCELoss temperature must be > 0, got {temperature}.')
        if max_logit_scale <= 0 or (learnable_temperature
                                    and 1.0 / temperature > max_logit_scale):
            raise ValueError(
                f'InfoNCELoss max_logit_scale ({max_logit_scale}) must be positive and '
                f'>= 1/temperature ({1.0 / temperature:.4g}).')
        if symmetric_reduction not in ('mean', 'sum'):
            raise ValueError(
                f"InfoNCELoss symmetric_reduction must be 'mean' or 'sum', got "
                f'{symmetric_reduction!r}.')
        if chunk_size is not None and (not isinstance(chunk_size, int)
                                       or chunk_size <= 0):
            raise ValueError(
                f'InfoNCELoss chunk_size must be a positive int or None, got {chunk_size!r}.'
            )
        if queue_size < 0:
            raise ValueError(
                f'InfoNCELoss queue_size must be >= 0, got {queue_size}.')
        if queue_size and (queue_dim is None or queue_dim <= 0):
            raise ValueError(
                'InfoNCELoss with queue_size > 0 needs queue_dim (the embedding dim).'
            )
        if queue_size and symmetric:
            raise ValueError(
                'InfoNCELoss: an owned queue serves one direction; set symmetric=False '
                'and use one loss per direction.')
        self.learnable_temperature = learnable_temperature
        self.max_logit_scale = float(max_logit_scale)
        if learnable_temperature:
            self.logit_scale = nn.Parameter(
                torch.tensor(math.log(1.0 / temperature)))
        else:
            self.temperature = float(temperature)
        self.symmetric = symmetric
        self.symmetric_reduction = symmetric_reduction
        self.in_batch_negatives = in_batch_negatives
        self.intra_negatives = intra_negatives
        self.decoupled = decoupled
        self.gather = gather
        self.chunk_size = chunk_size
        self.loss_weight = float(loss_weight)
        self._loss_name = loss_name
        self.queue = MemoryQueue(queue_size, queue_dim) if queue_size else None

    @property
    def loss_name(self) -> str:
        """Name of the loss item (mmseg convention)."""
        return self._loss_name

    def get_temperature(self) -> Union[float, Tensor]:
        """The current temperature (a tensor with grad when learnable)."""
        if not self.learnable_temperature:
            return self.temperature
        return torch.exp(-self.logit_scale.clamp(
            max=math.log(self.max_logit_scale)))

    def forward(self,
                query: Tensor,
                key: Tensor,
                queue: Optional[Tensor] = None,
                targets: Optional[Tensor] = None,
                key_targets: Optional[Tensor] = None,
                key_ids: Optional[Tensor] = None,
                queue_ids: Optional[Tensor] = None,
                enqueue: bool = True) -> Tensor:
        """Weighted loss; see :func:`info_nce_loss` for the arguments.

        With an owned queue, its entries are the negatives (``queue`` must be
        None) and, in training mode with ``enqueue``, the detached keys are
        enqueued after the loss is computed.
        """
        if self.queue is not None:
            if queue is not None:
                raise ValueError(
                    'InfoNCELoss owns a queue; do not pass queue= as well.')
            self.queue.check_batch_size(key.shape[0])
            queue = self.queue.feats.clone()
        loss = info_nce_loss(
            query,
            key,
            queue,
            self.get_temperature(),
            targets=targets,
            key_targets=key_targets,
            symmetric=self.symmetric,
            symmetric_reduction=self.symmetric_reduction,
            in_batch_negatives=self.in_batch_negatives,
            intra_negatives=self.intra_negatives,
            decoupled=self.decoupled,
            key_ids=key_ids,
            queue_ids=queue_ids,
            gather=self.gather,
            chunk_size=self.chunk_size)
        if self.queue is not None and self.training and enqueue:
            self.queue.enqueue(key.detach())
        return self.loss_weight * loss
