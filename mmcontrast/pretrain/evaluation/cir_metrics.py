# Copyright (c) mmcontrast contributors. All rights reserved.
"""Composed-image-retrieval metrics of CLIP4Cir (clip4cir.md §6), in torch.

They consume what :class:`ComposedImageRetriever.predict` returns per query
(top-k indices, the target's rank, the subset members' ranks) and never a
full score row.
"""
import json
import os
import os.path as osp
from typing import Dict, List, Optional, Sequence

import torch
from mmengine.evaluator import BaseMetric
from mmpretrain.registry import METRICS


def _field(ds, key, default=None):
    if isinstance(ds, dict):
        return ds.get(key, default)
    return ds.get(key, default) if hasattr(ds, 'get') else getattr(ds, key, default)


def subset_rank(target_rank: int, member_rank: Sequence[int], member_idx: Sequence[int],
                tgt_idx: int) -> int:
    """0-based rank of the target among the subset members (reference removed)."""
    if tgt_idx not in list(member_idx):
        raise ValueError(f'CIRR target {tgt_idx} is not among the subset members '
                         f'{list(member_idx)}.')
    return sum(1 for r, m in zip(member_rank, member_idx) if m != tgt_idx and r < target_rank)


def _check_rank(rank: int, pairid) -> None:
    if rank < 0:
        raise ValueError(f'Query {pairid} has no target in the gallery (exactly one positive '
                         'per query is required); evaluate a split with targets.')


@METRICS.register_module()
class CIRRRecall(BaseMetric):
    """CIRR Recall@K (reference removed) and Recall_subset@K (Liu et al., ICCV 2021).

    Reports ``R@K`` for ``topk``, ``Rsubset@K`` for ``subset_topk``,
    ``avg = (R@5 + Rsubset@1) / 2`` and the arithmetic, harmonic and
    geometric means of all recalls (CLIP4Cir's best-checkpoint keys).

    Args:
        topk (Sequence[int]): Defaults to (1, 5, 10, 50).
        subset_topk (Sequence[int]): Defaults to (1, 2, 3).
    """
    default_prefix = 'cirr'

    def __init__(self, topk: Sequence[int] = (1, 5, 10, 50),
                 subset_topk: Sequence[int] = (1, 2, 3), collect_device: str = 'cpu',
                 prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        self.topk, self.subset_topk = tuple(topk), tuple(subset_topk)

    def process(self, data_batch, data_samples: Sequence) -> None:
        for ds in data_samples:
            tgt = int(_field(ds, 'tgt_idx', -1))
            rank = int(_field(ds, 'target_rank', -1))
            _check_rank(rank if tgt >= 0 else -1, _field(ds, 'pairid'))
            mem_rank = [int(x) for x in _field(ds, 'member_rank', [])]
            mem_idx = [int(x) for x in _field(ds, 'member_idx', [])]
            self.results.append((rank, subset_rank(rank, mem_rank, mem_idx, tgt)))

    def compute_metrics(self, results: List) -> Dict[str, float]:
        r = torch.tensor(results, dtype=torch.long).view(-1, 2)
        out = {f'R@{k}': (r[:, 0] < k).float().mean().item() * 100 for k in self.topk}
        out.update({f'Rsubset@{k}': (r[:, 1] < k).float().mean().item() * 100
                    for k in self.subset_topk})
        vals = torch.tensor(list(out.values()), dtype=torch.float64)
        if 5 in self.topk and 1 in self.subset_topk:
            out['avg'] = (out['R@5'] + out['Rsubset@1']) / 2
        out['arithmetic_mean'] = vals.mean().item()
        out['harmonic_mean'] = (len(vals) / (1 / vals.clamp(min=1e-12)).sum()).item()
        out['geometric_mean'] = vals.clamp(min=1e-12).log().mean().exp().item()
        return out


@METRICS.register_module()
class FashionIQRecall(BaseMetric):
    """FashionIQ Recall@K per category (reference kept in the ranking), their
    means and the score ``(mean R@10 + mean R@50) / 2`` (Wu et al., CVPR 2021).

    Args:
        topk (Sequence[int]): Defaults to (10, 50).
        categories (Sequence[str], optional): Names; default from the
            dataset's metainfo.
    """
    default_prefix = 'fashioniq'

    def __init__(self, topk: Sequence[int] = (10, 50), categories: Optional[Sequence[str]] = None,
                 collect_device: str = 'cpu', prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        self.topk, self.categories = tuple(topk), categories

    def process(self, data_batch, data_samples: Sequence) -> None:
        for ds in data_samples:
            rank = int(_field(ds, 'target_rank', -1))
            _check_rank(rank if int(_field(ds, 'tgt_idx', -1)) >= 0 else -1,
                        _field(ds, 'pairid'))
            self.results.append((int(_field(ds, 'category', 0)), rank))

    def compute_metrics(self, results: List) -> Dict[str, float]:
        r = torch.tensor(results, dtype=torch.long).view(-1, 2)
        cats = self.categories or (self.dataset_meta or {}).get('categories') or \
            [str(c) for c in sorted(set(r[:, 0].tolist()))]
        out: Dict[str, float] = {}
        for k in self.topk:
            per = []
            for c, name in enumerate(cats):
                sel = r[r[:, 0] == c, 1]
                if len(sel):
                    out[f'{name}_R@{k}'] = (sel < k).float().mean().item() * 100
                    per.append(out[f'{name}_R@{k}'])
            out[f'mean_R@{k}'] = sum(per) / max(len(per), 1)
        if 10 in self.topk and 50 in self.topk:
            out['score'] = (out['mean_R@10'] + out['mean_R@50']) / 2
        return out


@METRICS.register_module()
class CIRRSubmission(BaseMetric):
    """Write the two JSON files of the CIRR test server (rc2).

    ``<outfile_prefix>_recall.json``: ``{"version": "rc2", "metric": "recall",
    pairid: [50 names]}`` (reference removed) and
    ``<outfile_prefix>_recall_subset.json``: ``{..., "metric":
    "recall_subset", pairid: [3 subset names]}``.

    Args:
        outfile_prefix (str): Output path prefix. Defaults to
            'work_dirs/cirr_submission/test1'.
    """
    default_prefix = 'cirr_submission'

    def __init__(self, outfile_prefix: str = 'work_dirs/cirr_submission/test1',
                 collect_device: str = 'cpu', prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        self.outfile_prefix = outfile_prefix

    def process(self, data_batch, data_samples: Sequence) -> None:
        for ds in data_samples:
            mem_rank = [int(x) for x in _field(ds, 'member_rank', [])]
            mem_idx = [int(x) for x in _field(ds, 'member_idx', [])]
            order = [m for _, m in sorted(zip(mem_rank, mem_idx))]
            self.results.append((str(_field(ds, 'pairid')),
                                 [int(x) for x in _field(ds, 'pred_topk')][:50], order[:3]))

    def compute_metrics(self, results: List) -> Dict[str, float]:
        names = (self.dataset_meta or {}).get('gallery_names')
        if names is None:
            raise ValueError('CIRRSubmission needs gallery_names in the dataset metainfo '
                             '(use CIRRDataset).')
        recall = {'version': 'rc2', 'metric': 'recall'}
        subset = {'version': 'rc2', 'metric': 'recall_subset'}
        for pairid, top, sub in results:
            recall[pairid] = [names[i] for i in top]
            subset[pairid] = [names[i] for i in sub]
        d = osp.dirname(self.outfile_prefix)
        if d:
            os.makedirs(d, exist_ok=True)
        for suffix, obj in (('recall', recall), ('recall_subset', subset)):
            with open(f'{self.outfile_prefix}_{suffix}.json', 'w') as f:
                json.dump(obj, f)
        return dict(num_queries=float(len(results)))
