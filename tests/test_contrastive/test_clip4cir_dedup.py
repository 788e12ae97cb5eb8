# Copyright (c) mmcontrast contributors. All rights reserved.
"""CLIP4Cir's loss (clip4cir.md §3) with duplicate-target masking, against float64 loops.

``L = CE(100 q g^T, arange(B))`` in one direction; with ``dedup_targets`` a
gallery column showing the row's target id (other than the positive) is no
negative: ``info_nce_loss(q, g, 0.01, key_ids=target_ids)``.
"""
import torch
import torch.nn.functional as F

from mmcontrast.contrastive.losses import info_nce_loss
from mmcontrast.contrastive.miners import duplicate_target_mask


def _naive(q, g, ids, dedup):
    out = []
    for i in range(q.shape[0]):
        cols = [j for j in range(g.shape[0]) if j == i or not (dedup and ids[j] == ids[i])]
        logits = torch.stack([100 * q[i] @ g[j] for j in cols])
        out.append(torch.logsumexp(logits, 0) - 100 * q[i] @ g[i])
    return torch.stack(out).mean()


def _data():
    gen = torch.Generator().manual_seed(0)
    q = F.normalize(torch.randn(6, 8, generator=gen, dtype=torch.float64), dim=1)
    g = F.normalize(torch.randn(6, 8, generator=gen, dtype=torch.float64), dim=1)
    ids = torch.tensor([3, 7, 3, 1, 7, 3])  # three queries share target 3, two share 7
    return q, g, ids


def test_dedup_matches_loop_and_differs_from_plain():
    q, g, ids = _data()
    plain = info_nce_loss(q, g, temperature=0.01)
    torch.testing.assert_close(plain, _naive(q, g, ids, False), atol=1e-10, rtol=0)
    dedup = info_nce_loss(q, g, temperature=0.01, key_ids=ids)
    torch.testing.assert_close(dedup, _naive(q, g, ids, True), atol=1e-10, rtol=0)
    assert dedup < plain  # removing false negatives only shrinks each row's denominator


def test_duplicate_target_mask():
    _, _, ids = _data()
    mask = duplicate_target_mask(ids, ids, torch.arange(6))
    ref = torch.tensor([[i != j and ids[i] == ids[j] for j in range(6)] for i in range(6)])
    assert torch.equal(mask, ref)
    assert torch.equal(duplicate_target_mask(ids, ids), ids[:, None] == ids[None, :])


def test_single_query_is_zero():
    q, g, ids = _data()
    out = info_nce_loss(q[:1], g[:1], temperature=0.01, key_ids=ids[:1])
    assert out.item() == 0
