# Copyright (c) mmcontrast contributors. All rights reserved.
"""DCCL's loss (core ``confidence_align_uniform_loss``) against the spec's loops (§8.1, 8.3-8.5)."""
import math

import pytest
import torch
import torch.nn.functional as F

from mmcontrast.contrastive.losses import (InfoNCELoss, align_uniform_loss,
                                           confidence_align_uniform_loss)

# B = 5: 0/1 labels, one unlabeled (idx 2), one tie (c = 0, idx 3), one eps sample (idx 4).
LABELS = torch.tensor([0, 1, -1, 1, 0])
CONF_PAPER = torch.tensor([0.5, 1.0, -1.0, 0.0, 0.1], dtype=torch.float64)
CONF_CODE = torch.tensor([0.75, 1.0, -1.0, 0.5, 1 / 3.5], dtype=torch.float64)


def _z(b=5, d=4, seed=0):
    g = torch.Generator().manual_seed(seed)
    return [F.normalize(torch.randn(b, d, generator=g, dtype=torch.float64), dim=1)
            for _ in range(2)]


def spec_loops(z1, z2, y, c, t, mode):
    """dccl.md §3(b) with explicit double loops over i, j (no matrices)."""
    B = z1.shape[0]
    z = torch.cat([z1, z2])
    yy, cc = torch.cat([y, y]), torch.cat([c, c])

    def d(i, j):
        return max(float(2 - 2 * z[i] @ z[j]), 0.)

    align = 0.
    for i in range(2 * B):
        twin = (i + B) % (2 * B)
        w = {}
        for j in range(2 * B):
            if j == twin:
                w[j] = 1.
            elif j != i and yy[i] >= 0 and yy[j] >= 0 and yy[i] == yy[j]:
                m = float(min(cc[i], cc[j]))
                w[j] = 0. if (mode == 'code' and m == 0.5) else m
        s = sum(w.values())
        align += sum(w[j] / s * d(i, j) for j in w)
    align /= B
    unif = 0.
    for v in range(2):
        tot = sum(math.exp(-t * d(v * B + i, v * B + j)) for i in range(B) for j in range(B)
                  if i != j)
        unif += 0.5 * math.log(tot / B**2)
    return align, unif


def official_masks(y, c, mode):
    """The official code's W construction (loops over unlabeled indices, §3 b), re-implemented."""
    B = len(y)
    n = 2 * B
    yy, cc = torch.cat([y, y]), torch.cat([c, c])
    K = torch.zeros(n, n, dtype=torch.float64)
    for i in range(n):
        for j in range(n):
            if yy[i] == yy[j]:
                m = min(cc[i], cc[j])
                K[i, j] = m * (0. if (mode == 'code' and m == 0.5) else 1.)
    M = torch.ones(n, n, dtype=torch.float64)
    for u in range(B):
        if y[u] < 0:
            M[:, u] = 0
            M[:, u + B] = 0
    for u in range(B):
        if y[u] < 0:
            M[u] = F.one_hot(torch.tensor(u + B), n).double()
            M[u + B] = F.one_hot(torch.tensor(u), n).double()
    P = torch.zeros(n, n, dtype=torch.float64)
    for i in range(B):
        P[i, i + B] = P[i + B, i] = 1
    W = P + (1 - P) * M * K * (1 - torch.eye(n, dtype=torch.float64))
    return W / W.sum(1, keepdim=True)


@pytest.mark.parametrize('mode,conf', [('paper', CONF_PAPER), ('code', CONF_CODE)])
@pytest.mark.parametrize('t', [1.0, 2.0])
def test_matches_spec_loops_and_official_masks(mode, conf, t):
    z1, z2 = _z()
    align, unif = confidence_align_uniform_loss(z1, z2, LABELS, conf, t=t,
                                                confidence_mode=mode)
    ref_a, ref_u = spec_loops(z1, z2, LABELS, conf, t, mode)
    assert align.dtype == torch.float64
    torch.testing.assert_close(align.item(), ref_a, rtol=1e-10, atol=1e-12)
    torch.testing.assert_close(unif.item(), ref_u, rtol=1e-10, atol=1e-12)
    # the official mask construction: rows of W~ sum to 1, and give the same alignment
    W = official_masks(LABELS, conf, mode)
    torch.testing.assert_close(W.sum(1), torch.ones(10, dtype=torch.float64))
    z = torch.cat([z1, z2])
    D = (2 - 2 * z @ z.T).clamp(min=0)
    torch.testing.assert_close(align, (W * D).sum() / 5, rtol=1e-10, atol=1e-12)


def test_tie_and_code_mode_weights():
    """The tie (c=0 / code c=0.5) only aligns with its twin; code mode zeroes 0.5 pairs."""
    z1, z2 = _z()
    y = torch.tensor([1, 1, 0, 0, 0])
    c = torch.tensor([0.5, 0.5, 1., 1., 1.], dtype=torch.float64)
    a_code, _ = confidence_align_uniform_loss(z1, z2, y, c, confidence_mode='code')
    y2 = torch.tensor([-1, -1, 0, 0, 0])  # same as unlabeled in code mode
    a_unl, _ = confidence_align_uniform_loss(z1, z2, y2, c, confidence_mode='code')
    torch.testing.assert_close(a_code, a_unl)
    a_paper, _ = confidence_align_uniform_loss(z1, z2, y, c, confidence_mode='paper')
    assert not torch.allclose(a_paper, a_code)


def test_edge_cases():
    z1, z2 = _z(6, 4)
    # all unlabeled -> 2 x Wang & Isola alignment
    y, c = torch.full((6, ), -1), torch.full((6, ), -1., dtype=torch.float64)
    a, u = confidence_align_uniform_loss(z1, z2, y, c)
    wi, _ = align_uniform_loss(z1, z2, alpha=2, t=1)
    torch.testing.assert_close(a, 2 * wi)
    # all the same label with c = 1 -> uniform rows 1 / (2B - 1)
    y, c = torch.zeros(6, dtype=torch.long), torch.ones(6, dtype=torch.float64)
    a, _ = confidence_align_uniform_loss(z1, z2, y, c)
    z = torch.cat([z1, z2])
    D = (2 - 2 * z @ z.T).clamp(min=0)
    torch.testing.assert_close(a, D.sum() / 11 / 6)
    # ... whose conditional-uniformity weights are all zero -> finite (0)
    _, cu = confidence_align_uniform_loss(z1, z2, y, c, conditional_uniformity=True)
    assert torch.isfinite(cu) and cu.item() == 0
    # B = 1: clear error
    with pytest.raises(ValueError, match='at least 2'):
        confidence_align_uniform_loss(z1[:1], z2[:1], y[:1], c[:1])
    # bf16 autocast stays finite
    with torch.autocast('cpu', dtype=torch.bfloat16):
        a, u = confidence_align_uniform_loss(z1.float(), z2.float(), LABELS[:5].repeat(2)[:6],
                                             CONF_PAPER.float().repeat(2)[:6])
    assert torch.isfinite(a) and torch.isfinite(u)


@pytest.mark.parametrize('cond', [False, True])
def test_gradcheck_through_normalisation(cond):
    g = torch.Generator().manual_seed(1)
    x1 = torch.randn(5, 4, generator=g, dtype=torch.float64, requires_grad=True)
    x2 = torch.randn(5, 4, generator=g, dtype=torch.float64, requires_grad=True)

    def f(a, b):
        al, un = confidence_align_uniform_loss(F.normalize(a, dim=1), F.normalize(b, dim=1),
                                               LABELS, CONF_PAPER, conditional_uniformity=cond)
        return al + un

    assert torch.autograd.gradcheck(f, (x1, x2))


@pytest.mark.parametrize('tau', [0.1, 0.5, 1.0])
@pytest.mark.parametrize('decoupled', [True, False])
def test_dcl_and_ntxent_match_lightly(tau, decoupled):
    """DecoupledNTXent (InfoNCELoss as configured in dcl_*.py) = 2 x lightly's DCL/NT-Xent."""
    from lightly.loss import DCLLoss, NTXentLoss
    g = torch.Generator().manual_seed(2)
    z1, z2 = torch.randn(8, 16, generator=g), torch.randn(8, 16, generator=g)
    ours = InfoNCELoss(temperature=tau, symmetric=True, symmetric_reduction='sum',
                       intra_negatives=True, decoupled=decoupled)(
                           F.normalize(z1, dim=1), F.normalize(z2, dim=1))
    ref = (DCLLoss(temperature=tau) if decoupled else NTXentLoss(temperature=tau))(z1, z2)
    torch.testing.assert_close(ours, 2 * ref, rtol=1e-6, atol=1e-6)
