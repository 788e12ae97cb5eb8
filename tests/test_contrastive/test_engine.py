# Copyright (c) mmcontrast contributors. All rights reserved.
"""Unit tests of the engine pieces the loss rules share (similarity, masked rows, checks)."""
import math

import pytest
import torch
import torch.nn.functional as F

from mmcontrast.contrastive.engine import (check_labels, check_temperature, fp32, kl_rows,
                                           masked_log_softmax, masked_logsumexp, masked_mean,
                                           paired_similarity, similarity, weighted_mean)
from mmcontrast.contrastive.engine.block_rows import (dense_cross_entropy_rows,
                                                      fused_cross_entropy_rows)


def _x(*shape, seed=0):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)


def test_similarity_metrics_match_loops():
    a, b = _x(4, 3), _x(5, 3, seed=1)
    dot = similarity(a, b, scale=2.0)
    cos = similarity(a, b, 'cosine')
    sq = similarity(a, b, 'sq_euclidean')
    for i in range(4):
        for j in range(5):
            assert math.isclose(dot[i, j], 2 * float(a[i] @ b[j]), abs_tol=1e-12)
            assert math.isclose(cos[i, j], float(F.cosine_similarity(a[i], b[j], 0)),
                                abs_tol=1e-12)
            assert math.isclose(sq[i, j], float(((a[i] - b[j])**2).sum()), abs_tol=1e-10)
    u, v = F.normalize(a, dim=1), F.normalize(b, dim=1)
    torch.testing.assert_close(similarity(u, v, 'sq_euclidean', unit_norm=True),
                               similarity(u, v, 'sq_euclidean'))
    # batched and paired forms, fp32 under half inputs
    assert similarity(_x(2, 4, 3), _x(2, 5, 3)).shape == (2, 4, 5)
    torch.testing.assert_close(paired_similarity(a, a[[1, 2, 3, 0]], 3.0),
                               3 * (a * a[[1, 2, 3, 0]]).sum(1))
    assert similarity(a.half(), b.half()).dtype == torch.float32
    assert fp32(a) is a and fp32(a.bfloat16()).dtype == torch.float32
    with pytest.raises(ValueError, match='metric'):
        similarity(a, b, 'l1')


def test_masked_reductions_and_empty_rows():
    s = _x(3, 5).requires_grad_()
    keep = torch.tensor([[1, 0, 1, 1, 0], [0, 0, 0, 0, 0], [1, 1, 1, 1, 1]], dtype=torch.bool)
    lse = masked_logsumexp(s, keep)
    torch.testing.assert_close(lse[0], torch.logsumexp(s[0, keep[0]], 0))
    torch.testing.assert_close(lse[2], torch.logsumexp(s[2], 0))
    assert torch.isfinite(lse).all()  # empty row: finite (about finfo.min), not -inf
    (lse[0] + lse[2]).backward()
    assert torch.isfinite(s.grad).all() and s.grad[1].abs().sum() == 0
    lsm = masked_log_softmax(s.detach(), keep)
    torch.testing.assert_close(lsm[0, keep[0]], torch.log_softmax(s[0, keep[0]].detach(), 0))
    assert masked_mean(s.detach(), keep)[1] == 0
    p = torch.softmax(_x(2, 4), 1)
    q = torch.softmax(_x(2, 4, seed=3), 1)
    torch.testing.assert_close(kl_rows(p.log(), q.log()), (p * (p.log() - q.log())).sum(1))


def test_cross_entropy_rows_fused_equals_dense():
    q, k = F.normalize(_x(4, 3), dim=1), F.normalize(_x(6, 3, seed=1), dim=1)
    tgt = torch.tensor([0, 2, 5, 1])
    s = similarity(q, k) / 0.1
    s_pos = s[torch.arange(4), tgt]
    fused = fused_cross_entropy_rows(q / 0.1, s_pos, [k], [tgt])  # decoupled: positive excluded
    keep = torch.ones(4, 6, dtype=torch.bool)
    keep[torch.arange(4), tgt] = False
    dense, has = dense_cross_entropy_rows([s], [keep], s_pos)
    torch.testing.assert_close(fused, dense)
    assert has.all()
    ref = torch.stack([torch.logsumexp(s[i, keep[i]], 0) - s_pos[i] for i in range(4)])
    torch.testing.assert_close(fused, ref)


def test_checks_name_the_argument():
    check_temperature('T', 1e-30)
    for bad in (0.0, -1.0, float('nan'), float('inf'), 1e-39, torch.tensor([0.1, 0.2])):
        with pytest.raises(ValueError, match='T'):
            check_temperature('T', bad)
    check_labels('y', torch.tensor([0, 2, 255]), 3, ignore=(255, ))
    check_labels('y', torch.tensor([-1, 2]), 3, negative_ignored=True)
    with pytest.raises(ValueError, match='y holds id 3 >= num_classes=3'):
        check_labels('y', torch.tensor([0, 3]), 3)
    with pytest.raises(ValueError, match='y holds a negative id'):
        check_labels('y', torch.tensor([0, -2]), 3)
    with pytest.raises(ValueError, match='integer'):
        check_labels('y', torch.tensor([0.0]))


def test_weighted_mean():
    losses = torch.tensor([1.0, 2.0, 4.0], requires_grad=True)
    out = weighted_mean(losses, torch.tensor([1.0, 0.0, 3.0]), losses.sum() * 0)
    assert out.item() == pytest.approx((1 + 12) / 4)
    zero = weighted_mean(losses, torch.zeros(3), losses.sum() * 0)
    assert zero.item() == 0 and zero.requires_grad
