# Copyright (c) mmcontrast contributors. All rights reserved.
"""CTP's multimodal retrieval mAP@k (non-standard AP), top-k over gallery chunks."""
from typing import Dict, List, Optional, Sequence

import torch
from mmengine.evaluator import BaseMetric
from mmpretrain.registry import METRICS
from torch import Tensor


def ctp_average_precision(hits: Sequence[bool], num_positives: int, k: int) -> float:
    """CTP's AP@k of one ranked list (spec §6b).

    ``k' = min(k, |P|, len(list))``, ``h`` = hits among the first k';
    ``AP = (1/h) sum_{i<=k', hit_i} (#hits in 1..i) / i``, 0 when ``h = 0``
    (divides by the hits found, not by ``min(k, |P|)``).

    Args:
        hits (Sequence[bool]): Whether each ranked item is a positive.
        num_positives (int): |P|.
        k (int): Cut-off.
    """
    kk = min(k, num_positives, len(hits))
    found, acc = 0, 0.0
    for i in range(kk):
        if hits[i]:
            found += 1
            acc += found / (i + 1)
    return acc / found if found else 0.0


@torch.no_grad()
def chunked_topk(query: Tensor, gallery: Tensor, k: int,
                 chunk_size: int = 512) -> Tensor:
    """(Nq, k) gallery indices of the k highest ``query @ gallery.T`` scores,
    merged over (chunk x chunk) blocks (never the full (Nq, Ng) matrix)."""
    k = min(k, gallery.shape[0])
    query, gallery = query.float(), gallery.float()
    out = []
    for r in range(0, query.shape[0], chunk_size):
        q = query[r:r + chunk_size]
        best_s = q.new_full((q.shape[0], 0), float('-inf'))
        best_i = torch.zeros((q.shape[0], 0), dtype=torch.long, device=q.device)
        for c in range(0, gallery.shape[0], chunk_size):
            s = q @ gallery[c:c + chunk_size].t()
            s_all = torch.cat([best_s, s], 1)
            i_all = torch.cat([best_i, torch.arange(c, c + s.shape[1], device=q.device)
                               .expand(q.shape[0], -1)], 1)
            best_s, pos = s_all.topk(min(k, s_all.shape[1]), dim=1)
            best_i = i_all.gather(1, pos)
        out.append(best_i)
    return torch.cat(out)


@METRICS.register_module()
class CTPMultiModalmAP(BaseMetric):
    """Multimodal (image + title) product retrieval mAP@k of CTP (spec §6b).

    Samples come from ``P9DDataset(split='retrieval')`` (``is_query``,
    ``item_id``, ``cate_name``, ``num_positives``) with the model's fused
    CLS ``fused_feat``. Each query ranks the seen-task gallery by cosine,
    keeps the top ``topn`` after dropping its own ``item_id``, and positives
    are the gallery items of its ``cate_name``.

    Args:
        ks (Sequence[int]): Defaults to (1, 5, 10).
        topn (int): Length of the ranked list. Defaults to 10.
        chunk_size (int): Defaults to 512.
        collect_device (str): Defaults to 'cpu'.
        prefix (str): Defaults to 'multimodal'.
    """
    default_prefix = 'multimodal'

    def __init__(self, ks: Sequence[int] = (1, 5, 10), topn: int = 10, chunk_size: int = 512,
                 collect_device: str = 'cpu', prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        self.ks, self.topn, self.chunk_size = tuple(ks), topn, chunk_size

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        for ds in data_samples:
            if 'fused_feat' not in ds or 'is_query' not in ds:
                raise KeyError('CTPMultiModalmAP needs fused_feat (predict_fused=True) and a '
                               "P9DDataset(split='retrieval') with is_query/num_positives.")
            self.results.append(
                dict(feat=ds['fused_feat'].detach().cpu(), q=int(ds['is_query']),
                     item=ds['item_id'], cate=ds['cate_name'], npos=int(ds['num_positives'])))

    def compute_metrics(self, results: List[dict]) -> Dict[str, float]:
        qs = [r for r in results if r['q']]
        gs = [r for r in results if not r['q']]
        if not qs or not gs:
            raise ValueError('CTPMultiModalmAP got no queries or no gallery items.')
        top = chunked_topk(torch.stack([r['feat'] for r in qs]),
                           torch.stack([r['feat'] for r in gs]), self.topn + 1, self.chunk_size)
        sums = {k: 0.0 for k in self.ks}
        for q, row in zip(qs, top.tolist()):
            ranked = [gs[j] for j in row if gs[j]['item'] != q['item']][:self.topn]
            hits = [g['cate'] == q['cate'] for g in ranked]
            for k in self.ks:
                sums[k] += ctp_average_precision(hits, q['npos'], k)
        return {f'mAP@{k}': 100.0 * s / len(qs) for k, s in sums.items()}
