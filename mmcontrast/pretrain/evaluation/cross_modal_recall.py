# Copyright (c) mmcontrast contributors. All rights reserved.
"""Image-text retrieval recall (TR/IR@K), ranked exactly in gallery chunks."""
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

import torch
from mmengine.evaluator import BaseMetric
from mmpretrain.registry import METRICS
from torch import Tensor


def iter_itc_score_blocks(query: Tensor, gallery: Tensor, chunk_size: int = 512
                          ) -> Iterator[Tuple[int, int, Tensor]]:
    """Blocks of CTP's ITC score matrix ``S = query @ gallery.T`` in float32.

    The one scoring rule of CTP's cross-modal ranking: the metric
    (:func:`paired_gt_ranks`) and the model's retrieval API
    (``CTPRetriever.predict_all`` / ``matching``) both read their scores
    from here. With the normalised projected features of the student
    (``img_feat`` v, ``text_feat`` w) the score is the cosine similarity.

    Args:
        query (Tensor): (Nq, D) query features.
        gallery (Tensor): (Ng, D) gallery features.
        chunk_size (int): Rows and columns per block. Defaults to 512.

    Yields:
        tuple: ``(r, c, block)``: the first query row, the first gallery
        column and the (<=chunk, <=chunk) block ``S[r:r+chunk, c:c+chunk]``,
        row blocks outermost.
    """
    query, gallery = query.float(), gallery.float()
    for r in range(0, query.shape[0], chunk_size):
        q = query[r:r + chunk_size]
        for c in range(0, gallery.shape[0], chunk_size):
            yield r, c, q @ gallery[c:c + chunk_size].t()


@torch.no_grad()
def itc_scores(query: Tensor, gallery: Tensor, chunk_size: int = 512) -> Tensor:
    """The full (Nq, Ng) ITC score matrix, assembled from
    :func:`iter_itc_score_blocks` (so its entries equal the metric's).

    Args:
        query (Tensor): (Nq, D) query features.
        gallery (Tensor): (Ng, D) gallery features.
        chunk_size (int): Block size. Defaults to 512.

    Returns:
        Tensor: (Nq, Ng) float32 scores.
    """
    out = query.new_empty((query.shape[0], gallery.shape[0]), dtype=torch.float32)
    for r, c, s in iter_itc_score_blocks(query, gallery, chunk_size):
        out[r:r + s.shape[0], c:c + s.shape[1]] = s
    return out


@torch.no_grad()
def paired_gt_ranks(query: Tensor, gallery: Tensor, chunk_size: int = 512) -> Tensor:
    """0-based rank of gallery item i among all gallery items for query i.

    ``rank_i = #{j : q_i . g_j > q_i . g_i}`` (ties in the positive's favour),
    computed over (chunk x chunk) score blocks (:func:`iter_itc_score_blocks`),
    never the full (N, N) matrix.

    Args:
        query (Tensor): (N, D) query features.
        gallery (Tensor): (N, D) gallery features, row i paired with query i.
        chunk_size (int): Rows and columns per block. Defaults to 512.

    Returns:
        Tensor: (N,) long ranks.
    """
    if query.shape != gallery.shape:
        raise ValueError(f'paired queries and gallery must match, got {tuple(query.shape)} '
                         f'and {tuple(gallery.shape)}.')
    query, gallery = query.float(), gallery.float()
    ranks = torch.zeros(query.shape[0], dtype=torch.long, device=query.device)
    for r, c, s in iter_itc_score_blocks(query, gallery, chunk_size):
        n = s.shape[0]
        if c == 0:
            rows = torch.arange(r, r + n, device=query.device)
            pos = (query[r:r + n] * gallery[r:r + n]).sum(1, keepdim=True)
        # the own column never counts (its matmul value may round above ``pos``)
        own = torch.arange(c, c + s.shape[1], device=query.device)[None, :] == rows[:, None]
        ranks[r:r + n] += ((s > pos) & ~own).sum(1)
    return ranks


def recall_from_ranks(img_feat: Tensor, text_feat: Tensor, topk: Sequence[int] = (1, 5, 10),
                      chunk_size: int = 512) -> Dict[str, float]:
    """TR@K (image -> text), IR@K (text -> image), ``r1_mean`` and ``r_mean`` in %."""
    tr = paired_gt_ranks(img_feat, text_feat, chunk_size)
    ir = paired_gt_ranks(text_feat, img_feat, chunk_size)
    out = {}
    for k in topk:
        out[f'tr{k}'] = 100.0 * (tr < k).float().mean().item()
        out[f'ir{k}'] = 100.0 * (ir < k).float().mean().item()
    out['r1_mean'] = (out[f'tr{topk[0]}'] + out[f'ir{topk[0]}']) / 2
    out['r_mean'] = sum(out[f'{m}{k}'] for m in ('tr', 'ir') for k in topk) / (2 * len(topk))
    return out


@METRICS.register_module()
class CrossModalRecall(BaseMetric):
    """Cross-modal retrieval recall of CTP (spec §6a), exact ranks in torch.

    Every test item is an image-title pair (``img_feat``/``text_feat`` from
    the model's ``predict``); TR@K is the share of images whose own title
    ranks in the top K among all titles, IR@K the converse. With
    ``per_task`` the pairs of each task are also scored on their own slice
    (``task{j}_r1_mean``; the continual matrix R[t][j]).

    Args:
        topk (Sequence[int]): Defaults to (1, 5, 10).
        chunk_size (int): Block size of the ranking. Defaults to 512.
        per_task (bool): Also report per-task ``r1_mean``. Defaults to True.
        collect_device (str): Defaults to 'cpu'.
        prefix (str): Defaults to 'cross_modal'.
    """
    default_prefix = 'cross_modal'

    def __init__(self, topk: Sequence[int] = (1, 5, 10), chunk_size: int = 512,
                 per_task: bool = True, collect_device: str = 'cpu',
                 prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        self.topk = tuple(topk)
        self.chunk_size = chunk_size
        self.per_task = per_task

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        for ds in data_samples:
            if 'img_feat' not in ds or 'text_feat' not in ds:
                raise KeyError('CrossModalRecall needs img_feat/text_feat from predict().')
            self.results.append(
                dict(img=ds['img_feat'].detach().cpu(), text=ds['text_feat'].detach().cpu(),
                     task=int(ds.get('task_idx', 0))))

    def compute_metrics(self, results: List[dict]) -> Dict[str, float]:
        img = torch.stack([r['img'] for r in results])
        text = torch.stack([r['text'] for r in results])
        out = recall_from_ranks(img, text, self.topk, self.chunk_size)
        if self.per_task:
            task = torch.tensor([r['task'] for r in results])
            for j in task.unique().tolist():
                keep = task == j
                out[f'task{j}_r1_mean'] = recall_from_ranks(img[keep], text[keep], self.topk[:1],
                                                            self.chunk_size)['r1_mean']
        return out
