# Copyright (c) mmcontrast contributors. All rights reserved.
"""Tests of DCCL's confidence-conditional align/uniform and Wang & Isola's."""
import math

import pytest
import torch
import torch.nn.functional as F

from mmcontrast.contrastive.losses import (AlignUniformLoss,
                                           ConfidenceAlignUniformLoss,
                                           align_uniform_loss,
                                           confidence_align_uniform_loss)
from mmcontrast.registry import MODELS


def _data(b=8, d=5, seed=0):
    g = torch.Generator().manual_seed(seed)
    z1, z2 = [
        F.normalize(
            torch.randn(b, d, generator=g, dtype=torch.float64), dim=1)
        for _ in range(2)
    ]
    labels = torch.tensor([0, 1, -1, 1, 0, -1, 1, 0])[:b]
    conf = torch.tensor([0.9, 0.5, -1, 1.0, 0.1, -1, 0.5, 0.7],
                        dtype=torch.float64)[:b]
    return z1, z2, labels, conf


def naive(z1, z2, y, c, t, mode, cond, unl_only):
    """Literal transcription of dccl.md §3(b)/(c) with Python loops."""
    B = z1.shape[0]
    z = torch.cat([z1, z2])
    D = (2 - 2 * z @ z.T).clamp(min=0)
    yy, cc = torch.cat([y, y]), torch.cat([c, c])
    K = torch.zeros(2 * B, 2 * B, dtype=z.dtype)
    for i in range(2 * B):
        for j in range(2 * B):
            if yy[i] >= 0 and yy[j] >= 0 and yy[i] == yy[j]:
                m = min(cc[i], cc[j])
                K[i, j] = m * (0. if (mode == 'code' and m == 0.5) else 1.)
    M = torch.ones(2 * B, 2 * B, dtype=z.dtype)
    for u in range(B):
        if y[u] < 0:
            M[:, u] = 0
            M[:, u + B] = 0
    for u in range(B):
        if y[u] < 0:
            M[u] = 0
            M[u, u + B] = 1
            M[u + B] = 0
            M[u + B, u] = 1
    P = torch.zeros(2 * B, 2 * B, dtype=z.dtype)
    for i in range(B):
        P[i, i + B] = P[i + B, i] = 1
    W = P + (1 - P) * M * K * (1 - torch.eye(2 * B, dtype=z.dtype))
    W = W / W.sum(1, keepdim=True)
    align = (W * D).sum() / B
    unif = 0.
    for v in range(2):
        Dv = D[v * B:(v + 1) * B, v * B:(v + 1) * B]
        if not cond:
            s = sum(
                torch.exp(-t * Dv[i, j]) for i in range(B) for j in range(B)
                if i != j)
            unif = unif + torch.log(s / B**2) / 2
            continue
        Kv = K[:B, :B]
        N = torch.zeros(B, B, dtype=z.dtype)
        for i in range(B):
            if y[i] >= 0:
                for j in range(B):
                    if j != i and y[j] >= 0:
                        N[i, j] = Kv.max() - Kv[i, j]
                if N[i].sum() > 0:
                    N[i] = N[i] / N[i].sum()
            else:
                for j in range(B):
                    if j != i and (not unl_only or y[j] < 0):
                        N[i, j] = 1
        s = sum(
            torch.exp(-t * Dv[i, j]) * N[i, j] for i in range(B)
            for j in range(B))
        unif = unif + torch.log(s / B) / 2
    return align, unif


@pytest.mark.parametrize('mode', ['paper', 'code'])
@pytest.mark.parametrize('cond', [False, True])
@pytest.mark.parametrize('unl_only', [False, True])
@pytest.mark.parametrize('t', [1.0, 2.0])
def test_matches_naive(mode, cond, unl_only, t):
    z1, z2, y, c = _data()
    ra, ru = naive(z1, z2, y, c, t, mode, cond, unl_only)
    a, u = confidence_align_uniform_loss(z1, z2, y, c, t, mode, True, cond,
                                         unl_only)
    torch.testing.assert_close(a, ra, atol=1e-10, rtol=0)
    torch.testing.assert_close(u, ru, atol=1e-10, rtol=0)


def test_all_unlabeled_alignment_is_twice_wang_isola():
    z1, z2, _, _ = _data()
    y = torch.full((8, ), -1)
    a, u = confidence_align_uniform_loss(z1, z2, y, torch.full((8, ), -1.))
    wa, _ = align_uniform_loss(z1, z2)
    torch.testing.assert_close(a, 2 * wa)
    # decoupled uniformity: log(1/B^2 sum_{i!=j}) = Wang-Isola's log-mean + log((B-1)/B)
    _, wu = align_uniform_loss(z1, z2, t=1.0)
    torch.testing.assert_close(u, wu + math.log(7 / 8))


def test_wang_isola_matches_reference_code():
    z1, z2, _, _ = _data(b=12)
    a, u = align_uniform_loss(z1, z2, alpha=2, t=2)
    ref_a = (z1 - z2).norm(p=2, dim=1).pow(2).mean()
    ref_u = (torch.pdist(z1, p=2).pow(2).mul(-2).exp().mean().log() +
             torch.pdist(z2, p=2).pow(2).mul(-2).exp().mean().log()) / 2
    torch.testing.assert_close(a, ref_a)
    torch.testing.assert_close(u, ref_u)


def test_label_only_kernel_and_invariance():
    z1, z2, y, c = _data()
    a1, _ = confidence_align_uniform_loss(z1, z2, y, c, use_confidence=False)
    ones = torch.where(y >= 0, torch.ones_like(c), c)
    a2, _ = confidence_align_uniform_loss(z1, z2, y, ones)
    torch.testing.assert_close(a1, a2)
    perm = torch.randperm(8)
    for cond in (False, True):
        base = confidence_align_uniform_loss(
            z1, z2, y, c, conditional_uniformity=cond)
        permuted = confidence_align_uniform_loss(
            z1[perm], z2[perm], y[perm], c[perm], conditional_uniformity=cond)
        torch.testing.assert_close(permuted, base)


@pytest.mark.parametrize('cond', [False, True])
def test_gradcheck(cond):
    z1, z2, y, c = _data(b=6, d=3)
    z1.requires_grad_()
    z2.requires_grad_()
    assert torch.autograd.gradcheck(
        lambda a, b: sum(
            confidence_align_uniform_loss(
                a, b, y, c, conditional_uniformity=cond)), (z1, z2))


def test_edge_cases():
    z1, z2, y, c = _data(b=4)
    z1.requires_grad_()
    # ties (c = 0): weight 0, twin keeps the row valid
    a, u = confidence_align_uniform_loss(
        z1,
        z2,
        torch.zeros(4, dtype=torch.long),
        torch.zeros(4, dtype=torch.float64),
        conditional_uniformity=True)
    assert torch.isfinite(
        a) and u.item() == 0  # every conditional weight is zero
    (a + u).backward()
    assert torch.isfinite(z1.grad).all()
    with pytest.raises(ValueError, match='at least 2'):
        confidence_align_uniform_loss(z1[:1], z2[:1], y[:1], c[:1])
    out = confidence_align_uniform_loss(z1.half(), z2.half(), y, c.half())
    assert all(o.dtype == torch.float32 and torch.isfinite(o) for o in out)


def test_modules():
    z1, z2, y, c = _data()
    mod = MODELS.build(
        dict(
            type='ConfidenceAlignUniformLoss', l_uniform=0.5, l_alignment=2.0))
    out = mod(z1, z2, y, c)
    a, u = confidence_align_uniform_loss(z1, z2, y, c)
    torch.testing.assert_close(out['loss_align'], 2 * a)
    torch.testing.assert_close(out['loss_uniform'], 0.5 * u)
    mod = MODELS.build(dict(type='AlignUniformLoss'))
    assert set(mod(z1, z2)) == {'loss_align', 'loss_uniform'}
    for bad in (dict(t=0), dict(confidence_mode='x')):
        with pytest.raises(ValueError):
            ConfidenceAlignUniformLoss(**bad)
    with pytest.raises(ValueError):
        AlignUniformLoss(t=-1)
