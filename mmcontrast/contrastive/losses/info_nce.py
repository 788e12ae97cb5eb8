# Copyright (c) mmcontrast contributors. All rights reserved.
"""InfoNCE / NT-Xent: which columns are a query's positive and negatives.

Row i of the queries is contrasted with the columns ``[keys | queue |
queries (self masked)]`` (van den Oord et al., "Representation Learning with
Contrastive Predictive Coding", 2018; SimCLR's NT-Xent, Chen et al., ICML
2020; MoCo, He et al., CVPR 2020; CLIP, Radford et al., ICML 2021). The rule:

* positive: key ``targets[i]`` (default the diagonal, ``rank * B + i``
  after gathering), or a soft target distribution over all columns (ALBEF);
* negatives: the other keys (``in_batch_negatives``), the queue, the other
  queries (``intra_negatives``); the positive itself is removed from the
  denominator in the decoupled loss (Yeh et al., "Decoupled Contrastive
  Learning", ECCV 2022);
* duplicate targets (``key_ids``, CLIP4Cir): columns showing the id of the
  row's positive are no negatives
  (:func:`~mmcontrast.contrastive.miners.duplicate_target_mask`);
* one or two directions (``symmetric``: 'mean' as CLIP/CTP, 'sum' as DCCL's
  DCL), keys gathered across ranks with gradients (CTP's ITC).

The rows are computed by the engine
(:mod:`mmcontrast.contrastive.engine.block_rows`): hard targets without
duplicate masking take the fused log-sum-exp (backward = two matmuls);
duplicate masks and soft targets take the dense masked path.
"""
from typing import Optional, Union

import torch
from mmengine.dist import get_rank, get_world_size
from torch import Tensor

from ..engine import (all_gather_no_grad, all_gather_with_grad, check_all_finite, check_labels,
                      check_temperature, chunked_rows, fp32, inverse_temperature,
                      paired_similarity)
from ..engine.block_rows import (block_logits, dense_cross_entropy_rows,
                                 fused_cross_entropy_rows)
from ..miners.duplicate_targets import duplicate_target_mask


def _rows_fused(q: Tensor, tgt: Tensor, row_id: Tensor, k: Tensor, queue: Optional[Tensor],
                intra: Optional[Tensor], inv_t: Union[float, Tensor], in_batch: bool,
                decoupled: bool) -> Tensor:
    """(n,) hard-target rows, no duplicate masking: excluded columns by index."""
    qs = q * inv_t
    s_pos = paired_similarity(qs, k[tgt])
    blocks, excl, width = [], [], 0
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
    return fused_cross_entropy_rows(qs, s_pos, blocks, excl,
                                    positive_outside=not in_batch and not decoupled)


def _rows_dense(q: Tensor, tgt: Optional[Tensor], soft: Optional[Tensor], row_id: Tensor,
                tgt_id: Optional[Tensor], k: Tensor, queue: Optional[Tensor],
                intra: Optional[Tensor], key_ids: Optional[Tensor],
                queue_ids: Optional[Tensor], inv_t: Union[float, Tensor], in_batch: bool,
                decoupled: bool) -> Tensor:
    """(n,) rows with duplicate-target masks and/or soft targets."""
    n = q.shape[0]
    rows = torch.arange(n, device=q.device)
    logits, keeps = [], []
    s_pos = None
    if in_batch:
        (s, ) = block_logits(q, [k], inv_t)
        keep = None
        if tgt_id is not None:
            keep = ~duplicate_target_mask(tgt_id, key_ids, tgt)
        if tgt is not None:
            s_pos = s[rows, tgt]
            if decoupled:
                keep = torch.ones_like(s, dtype=torch.bool) if keep is None else keep.clone()
                keep[rows, tgt] = False
        logits.append(s)
        keeps.append(keep)
    else:  # MoCo: the positive is the only in-batch column
        s_pos = paired_similarity(q, k[tgt], inv_t)
        if not decoupled:
            logits.append(s_pos[:, None])
            keeps.append(None)
    if queue is not None and queue.shape[0] > 0:
        (s, ) = block_logits(q, [queue], inv_t)
        keep = None
        if tgt_id is not None and queue_ids is not None:
            keep = ~duplicate_target_mask(tgt_id, queue_ids)
        logits.append(s)
        keeps.append(keep)
    if intra is not None:
        (s, ) = block_logits(q, [intra], inv_t)
        keep = torch.ones_like(s, dtype=torch.bool)
        keep[rows, row_id] = False
        if tgt_id is not None and key_ids is not None and key_ids.shape[0] == intra.shape[0]:
            keep &= ~duplicate_target_mask(tgt_id, key_ids)
        logits.append(s)
        keeps.append(keep)
    if not logits:  # decoupled, no other column at all
        return q.sum(1) * 0
    return dense_cross_entropy_rows(logits, keeps, s_pos, soft)[0]


def _one_direction(q: Tensor, k: Tensor, queue: Optional[Tensor], targets: Optional[Tensor],
                   q_all: Optional[Tensor], key_ids: Optional[Tensor],
                   queue_ids: Optional[Tensor], offset: int, inv_t, in_batch: bool,
                   decoupled: bool, chunk_size: Optional[int], name: str) -> Tensor:
    """Mean loss of the rows of ``q`` against ``[k | queue | q_all]``."""
    b = q.shape[0]
    n_cols = (k.shape[0] if in_batch else 1) + (0 if queue is None else queue.shape[0]) + \
        (0 if q_all is None else q_all.shape[0])
    hard, soft = None, None
    if targets is None:
        hard = torch.arange(b, device=q.device) + offset
    elif targets.dim() == 1:
        if targets.shape[0] != b:
            raise ValueError(f'hard {name} must be ({b},) column indices into the '
                             f'{k.shape[0]} keys, got shape {tuple(targets.shape)}.')
        check_labels(f'hard {name} (columns into the {k.shape[0]} keys)', targets, k.shape[0])
        hard = targets.long()
    else:
        if targets.shape != (b, n_cols):
            raise ValueError(
                f'soft {name} must be (B, C) = ({b}, {n_cols}) over the columns '
                f'[keys | queue | intra], got {tuple(targets.shape)}.')
        if decoupled or not in_batch:
            raise ValueError('soft targets need decoupled=False and in_batch_negatives=True.')
        check_all_finite(**{name: targets})
        soft = fp32(targets)
    tgt_id = key_ids[hard] if key_ids is not None and hard is not None else None
    row_id = torch.arange(b, device=q.device) + offset
    if b == 0:
        return q.sum() * 0 + k.sum() * 0
    if soft is None and tgt_id is None:  # common case: fused log-sum-exp, no masks
        shared = (k, queue, q_all, inv_t, in_batch, decoupled)
        return chunked_rows(_rows_fused, chunk_size, (q, hard, row_id), shared).mean()
    rows = (q, hard, soft, row_id, tgt_id)
    shared = (k, queue, q_all, key_ids, queue_ids, inv_t, in_batch, decoupled)
    return chunked_rows(_rows_dense, chunk_size, rows, shared).mean()


def _validate(query: Tensor, key: Tensor, queue: Optional[Tensor], temperature,
              targets: Optional[Tensor], key_targets: Optional[Tensor], symmetric: bool,
              symmetric_reduction: str, in_batch_negatives: bool, intra_negatives: bool,
              key_ids: Optional[Tensor], queue_ids: Optional[Tensor],
              chunk_size: Optional[int]) -> None:
    if query.dim() != 2 or key.dim() != 2 or query.shape[1] != key.shape[1]:
        raise ValueError(
            f'query (B, D) and key (M, D) must share D; got {tuple(query.shape)} and '
            f'{tuple(key.shape)}.')
    if queue is not None and (queue.dim() != 2 or queue.shape[1] != query.shape[1]):
        raise ValueError(f'queue must be (K, D={query.shape[1]}), got {tuple(queue.shape)}.')
    check_temperature('temperature', temperature)
    check_all_finite(query=query, key=key, queue=queue)
    if symmetric_reduction not in ('mean', 'sum'):
        raise ValueError(
            f"symmetric_reduction must be 'mean' or 'sum', got {symmetric_reduction!r}.")
    if chunk_size is not None and chunk_size <= 0:
        raise ValueError(f'chunk_size must be a positive int or None, got {chunk_size}.')
    if symmetric and queue is not None:
        raise ValueError(
            'symmetric=True with a queue is ambiguous (the reverse direction needs its '
            'own queue): call info_nce_loss once per direction.')
    if not in_batch_negatives and targets is not None and targets.dim() > 1:
        raise ValueError('in_batch_negatives=False needs hard targets.')
    if queue_ids is not None and key_ids is None:
        raise ValueError('queue_ids needs key_ids (the id of each row\'s positive).')
    if key_ids is not None and (key_ids.dim() != 1 or key_ids.shape[0] != key.shape[0]):
        raise ValueError(f'key_ids must be ({key.shape[0]},) (one id per key), got '
                         f'{tuple(key_ids.shape)}.')
    if queue_ids is not None and (queue is None or queue_ids.shape != queue.shape[:1]):
        raise ValueError(f'queue_ids must be (K,) with K the queue length, got '
                         f'{tuple(queue_ids.shape)}.')
    if symmetric and targets is not None and key_targets is None:
        raise ValueError('symmetric=True with explicit targets also needs key_targets.')
    if symmetric and key.shape[0] != query.shape[0]:
        raise ValueError('symmetric=True needs as many keys as queries.')
    if intra_negatives and key.shape[0] != query.shape[0]:
        raise ValueError('intra_negatives=True needs as many keys as queries (paired views).')


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
        key (Tensor): (M, D) keys (M may differ from B with explicit targets).
        queue (Tensor, optional): (K, D) extra negatives (a memory queue;
            pass it detached). Defaults to None.
        temperature (float | Tensor): Temperature T (> 0, 1/T finite in
            float32); a scalar tensor (e.g. ``exp(-logit_scale)``) is
            differentiated. Defaults to 0.07.
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
        key_ids (Tensor, optional): (M,) sample/target id per key; columns
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
        Tensor: scalar loss (0 where a row has nothing to contrast; a zero
        with a graph for an empty batch).

    Raises:
        ValueError: non-finite query/key/queue/targets, mismatched shapes,
            target columns out of range or a temperature that overflows.
    """
    _validate(query, key, queue, temperature, targets, key_targets, symmetric,
              symmetric_reduction, in_batch_negatives, intra_negatives, key_ids, queue_ids,
              chunk_size)
    q, k, queue = fp32(query), fp32(key), fp32(queue)
    inv_t = inverse_temperature(temperature)
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
    loss = _one_direction(q, k_all, queue, targets, q_all if intra_negatives else None,
                          key_ids, queue_ids, offset, inv_t, in_batch_negatives, decoupled,
                          chunk_size, 'targets')
    if symmetric:
        loss_t = _one_direction(k, q_all, None, key_targets, k_all if intra_negatives else None,
                                key_ids, None, offset, inv_t, in_batch_negatives, decoupled,
                                chunk_size, 'key_targets')
        loss = loss + loss_t
        if symmetric_reduction == 'mean':
            loss = loss / 2
    return loss
