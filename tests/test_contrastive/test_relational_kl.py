# Copyright (c) mmcontrast contributors. All rights reserved.
"""Tests of :func:`relational_kl_loss` (CTP topology preservation)."""
import math

import pytest
import torch
import torch.nn.functional as F

from mmcontrast.contrastive.losses import RelationalKLLoss, relational_kl_loss
from mmcontrast.registry import MODELS


def _emb(n, b=8, d=6, seed=0):
    g = torch.Generator().manual_seed(seed)
    return [
        F.normalize(
            torch.randn(b, d, generator=g, dtype=torch.float64), dim=1)
        for _ in range(n)
    ]


def naive(sa, sb, ta, tb, T, exclude_self):
    """Row loop: explicit softmaxes over the allowed columns, sum P log(P/Q)."""
    total = 0.
    for i in range(sa.shape[0]):
        cols = [j for j in range(sb.shape[0]) if not (exclude_self and j == i)]
        if not cols:
            continue
        s = torch.stack([sa[i] @ sb[j] / T for j in cols])
        r = torch.stack([ta[i] @ tb[j] / T for j in cols])
        p, q = r.softmax(0), s.softmax(0)
        total = total + (p * (p.log() - q.log())).sum()
    return total / sa.shape[0]


def ctp_reference(sa, sb, ta, tb, T, exclude_self):
    """The spec's formulation: self column set to -1000, F.kl_div batchmean."""
    S, R = sa @ sb.T, ta @ tb.T
    if exclude_self:
        idx = torch.arange(S.shape[0])
        S, R = S.clone(), R.clone()
        S[idx, idx] = -1000
        R[idx, idx] = -1000
    return F.kl_div(
        F.log_softmax(S / T, 1), F.softmax(R / T, 1), reduction='batchmean')


@pytest.mark.parametrize('exclude_self', [False, True])
@pytest.mark.parametrize('T', [0.07, 0.5])
def test_matches_naive_and_spec(exclude_self, T):
    sa, sb, ta, tb = _emb(4)
    if exclude_self:
        sb, tb = sa, ta
    out = relational_kl_loss(sa, sb, ta, tb, T, exclude_self=exclude_self)
    torch.testing.assert_close(
        out, naive(sa, sb, ta, tb, T, exclude_self), atol=1e-10, rtol=0)
    torch.testing.assert_close(
        out,
        ctp_reference(sa, sb, ta, tb, T, exclude_self),
        atol=1e-10,
        rtol=0)


def test_teacher_temperature_and_zero_when_equal():
    sa, sb = _emb(2)
    assert relational_kl_loss(sa, sb, sa, sb).abs() < 1e-12
    assert relational_kl_loss(sa, sa, sa, sa, exclude_self=True).abs() < 1e-12
    ref = F.kl_div(
        F.log_softmax(sa @ sb.T / 0.1, 1),
        F.softmax(sa @ sb.T / 0.2, 1),
        reduction='batchmean')
    torch.testing.assert_close(
        relational_kl_loss(sa, sb, sa, sb, 0.1, 0.2), ref)


def test_gradcheck_and_teacher_detached():
    sa, sb, ta, tb = _emb(4, b=5, d=3)
    sa.requires_grad_()
    sb.requires_grad_()
    ta.requires_grad_()
    assert torch.autograd.gradcheck(
        lambda a, b: relational_kl_loss(a, b, ta, tb, 0.5, exclude_self=True),
        (sa, sb))
    relational_kl_loss(sa, sb, ta, tb).backward()
    assert ta.grad is None


def test_invariance_and_edge_cases():
    sa, sb, ta, tb = _emb(4)
    perm = torch.randperm(8)
    base = relational_kl_loss(sa, sa, ta, ta, exclude_self=True)
    torch.testing.assert_close(
        relational_kl_loss(
            sa[perm], sa[perm], ta[perm], ta[perm], exclude_self=True), base)
    # N = 1 intra-modal: both distributions are [1] -> 0, finite gradient
    x = sa[:1].clone().requires_grad_()
    out = relational_kl_loss(x, x, ta[:1], ta[:1], exclude_self=True)
    assert out.item() == 0
    out.backward()
    assert torch.isfinite(x.grad).all()
    # fp16 inputs are computed in fp32 (logits up to 1/0.07)
    out = relational_kl_loss(sa.half(), sb.half(), ta.half(), tb.half())
    assert out.dtype == torch.float32 and math.isfinite(out.item())


def test_module_and_validation():
    sa, sb, ta, tb = _emb(4)
    mod = MODELS.build(
        dict(type='RelationalKLLoss', temperature=0.07, loss_weight=0.5))
    torch.testing.assert_close(
        mod(sa, sb, ta, tb), 0.5 * relational_kl_loss(sa, sb, ta, tb))
    with pytest.raises(ValueError):
        RelationalKLLoss(temperature=0)
    with pytest.raises(ValueError):
        relational_kl_loss(sa, sb, ta[:3], tb)
    assert isinstance(mod, RelationalKLLoss)
