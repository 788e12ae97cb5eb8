# Copyright (c) mmcontrast contributors. All rights reserved.
"""Chunked scoring of composed queries against a gallery (CLIP4Cir, clip4cir.md §9).

Never materialises more than ``chunk_size`` score rows: each chunk keeps the
top-k gallery indices, the target's rank and the ranks of given members.
"""
from typing import Dict, Optional

import torch
from torch import Tensor


def rank_queries(query: Tensor,
                 gallery: Tensor,
                 target_idx: Optional[Tensor] = None,
                 exclude_idx: Optional[Tensor] = None,
                 query_group: Optional[Tensor] = None,
                 gallery_group: Optional[Tensor] = None,
                 member_idx: Optional[Tensor] = None,
                 topk: int = 50,
                 chunk_size: int = 1024) -> Dict[str, Tensor]:
    """Rank a gallery for each query, scores ``q @ g.T`` in fp32.

    Args:
        query (Tensor): (Q, C) unit queries.
        gallery (Tensor): (N, C) unit gallery features.
        target_idx (Tensor, optional): (Q,) gallery index of each target
            (-1: unknown, e.g. CIRR test). Defaults to None.
        exclude_idx (Tensor, optional): (Q,) gallery index removed from each
            ranking (CIRR's reference; -1: none). Defaults to None.
        query_group (Tensor, optional): (Q,) group (FashionIQ category);
            gallery items of another group are removed. Needs
            ``gallery_group``. Defaults to None.
        gallery_group (Tensor, optional): (N,) group of each gallery item.
        member_idx (Tensor, optional): (Q, M) gallery indices (-1 padding)
            whose ranks are returned (CIRR's subset). Defaults to None.
        topk (int): Indices kept per query. Defaults to 50.
        chunk_size (int): Queries scored at once. Defaults to 1024.

    Returns:
        dict: ``topk`` (Q, k) long, ``target_rank`` (Q,) 0-based rank of the
        target (-1 where unknown), ``member_rank`` (Q, M) ranks (-1 padding).
        Ties rank a target behind nothing: rank = #items scoring strictly more.
    """
    if query.dim() != 2 or gallery.dim() != 2 or query.shape[1] != gallery.shape[1]:
        raise ValueError(f'query (Q, C) and gallery (N, C) must share C; got '
                         f'{tuple(query.shape)} and {tuple(gallery.shape)}.')
    if (query_group is None) != (gallery_group is None):
        raise ValueError('query_group and gallery_group go together.')
    n_q, n_g = query.shape[0], gallery.shape[0]
    k = min(topk, n_g)
    g = gallery.float()
    out_topk, out_rank, out_mem = [], [], []
    for s in range(0, n_q, chunk_size):
        e = min(s + chunk_size, n_q)
        scores = query[s:e].float() @ g.t()  # (q, N)
        rows = torch.arange(e - s, device=scores.device)
        if query_group is not None:
            scores.masked_fill_(query_group[s:e, None] != gallery_group[None, :], float('-inf'))
        if exclude_idx is not None:
            ex = exclude_idx[s:e]
            valid = ex >= 0
            scores[rows[valid], ex[valid]] = float('-inf')
        out_topk.append(scores.topk(k, dim=1).indices)

        def _rank(idx: Tensor) -> Tensor:  # (q, m) -> (q, m)
            val = scores.gather(1, idx.clamp(min=0))
            rank = torch.stack([(scores > val[:, j:j + 1]).sum(1) for j in range(idx.shape[1])],
                               dim=1)
            return torch.where(idx >= 0, rank, torch.full_like(rank, -1))

        if target_idx is not None:
            out_rank.append(_rank(target_idx[s:e, None])[:, 0])
        if member_idx is not None:
            out_mem.append(_rank(member_idx[s:e]))
    res = dict(topk=torch.cat(out_topk) if out_topk else query.new_zeros(0, k, dtype=torch.long))
    if target_idx is not None:
        res['target_rank'] = torch.cat(out_rank) if out_rank else target_idx.new_zeros(0)
    if member_idx is not None:
        res['member_rank'] = torch.cat(out_mem) if out_mem else member_idx.new_zeros(0, 0)
    return res
