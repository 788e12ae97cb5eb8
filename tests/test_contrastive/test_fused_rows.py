# Copyright (c) mmcontrast contributors. All rights reserved.
"""Tests of the fused row reductions against plain autograd expressions."""
import torch
import torch.nn.functional as F

from mmcontrast.contrastive.engine import masked_row_logsumexp, negatives_only_row_terms


def _ref_lse(a, k, excl):
    s = a @ k.T
    mask = torch.zeros_like(s, dtype=torch.bool)
    for i in range(excl.shape[0]):
        for c in excl[i]:
            if c >= 0:
                mask[i, c] = True
    return torch.logsumexp(s.masked_fill(mask, float('-inf')), 1), mask


def _ref_neg_only(a, k, la, lk, mask):
    s = a @ k.T
    same = la[:, None] == lk[None, :]
    neg = ~same & ~mask
    pos = same & ~mask
    lneg = torch.logsumexp(s.masked_fill(~neg, float('-inf')), 1)
    per = F.softplus(lneg[:, None] - s, threshold=50.)
    return torch.where(pos, per, torch.zeros_like(per)).sum(1)


def _check(n, m, d, seed=0):
    g = torch.Generator().manual_seed(seed)
    a = torch.randn(n, d, generator=g, dtype=torch.float64) * 2
    k = torch.randn(m, d, generator=g, dtype=torch.float64)
    la, lk = torch.randint(
        0, 5, (n, ), generator=g), torch.randint(
            0, 5, (m, ), generator=g)
    excl = torch.randint(-1, m, (n, 2), generator=g)
    w = torch.randn(n, generator=g, dtype=torch.float64)
    ref_lse, mask = _ref_lse(a, k, excl)
    for fused, ref in (
        (lambda a, k: masked_row_logsumexp(a, k, excl),
         lambda a, k: _ref_lse(a, k, excl)[0]),
        (lambda a, k: negatives_only_row_terms(a, k, la, lk, excl),
         lambda a, k: _ref_neg_only(a, k, la, lk, mask))):
        x1, y1 = a.clone().requires_grad_(), k.clone().requires_grad_()
        x2, y2 = a.clone().requires_grad_(), k.clone().requires_grad_()
        o1, o2 = fused(x1, y1), ref(x2, y2)
        torch.testing.assert_close(o1, o2, atol=1e-10, rtol=1e-10)
        (o1 * w).sum().backward()
        (o2 * w).sum().backward()
        torch.testing.assert_close(x1.grad, x2.grad, atol=1e-10, rtol=1e-10)
        torch.testing.assert_close(y1.grad, y2.grad, atol=1e-10, rtol=1e-10)


def test_small_and_multi_block():
    _check(13, 7, 3)
    _check(2100, 2100, 4)  # > 4M logits: several internal blocks on CPU


def test_fully_excluded_row_and_single_class():
    a = torch.randn(3, 4, dtype=torch.float64, requires_grad=True)
    k = torch.randn(1, 4, dtype=torch.float64)
    out = masked_row_logsumexp(a, k, torch.tensor([0, -1, 0]))
    assert out[0] == float('-inf') and torch.isfinite(out[1])
    out[1].backward()
    assert torch.isfinite(a.grad).all() and (a.grad[0] == 0).all()
    b = torch.randn(5, 4, dtype=torch.float64, requires_grad=True)
    out = negatives_only_row_terms(b, b, torch.zeros(5, dtype=torch.long),
                                   torch.zeros(5, dtype=torch.long),
                                   torch.arange(5))
    assert (out == 0).all()  # no negatives: log(e^s / e^s) = 0
    out.sum().backward()
    assert (b.grad == 0).all()


def test_gradcheck():
    a = torch.randn(6, 3, dtype=torch.float64, requires_grad=True)
    k = torch.randn(5, 3, dtype=torch.float64, requires_grad=True)
    la, lk = torch.tensor([0, 1, 0, 2, 1, 0]), torch.tensor([0, 1, 1, 2, 0])
    ex = torch.tensor([[0, -1], [1, 2], [-1, -1], [4, 3], [0, 0], [2, -1]])
    assert torch.autograd.gradcheck(
        lambda a, k: masked_row_logsumexp(a, k, ex), (a, k))
    assert torch.autograd.gradcheck(
        lambda a, k: negatives_only_row_terms(a, k, la, lk, ex), (a, k))


def test_weighted_row_sum_streamed_equals_one_pass():
    from mmcontrast.contrastive.engine import weighted_row_sum
    g = torch.Generator().manual_seed(1)
    a = torch.randn(23, 4, generator=g, dtype=torch.float64)
    k = torch.randn(17, 4, generator=g, dtype=torch.float64)
    la, lk = torch.randint(
        0, 3, (23, ), generator=g), torch.randint(
            0, 3, (17, ), generator=g)
    w = torch.rand(23, generator=g, dtype=torch.float64)
    w[::4] = 0
    ex = torch.randint(-1, 17, (23, ), generator=g)
    for neg in (False, True):
        res = []
        for chunk in (None, 5):
            x, y = a.clone().requires_grad_(), k.clone().requires_grad_()
            out = weighted_row_sum(x, y, w, la, lk, ex, neg, chunk)
            (2.5 * out).backward()
            res.append((out.detach(), x.grad, y.grad))
        for r0, r1 in zip(*res):
            torch.testing.assert_close(r0, r1, atol=1e-12, rtol=0)
