# Copyright (c) mmcontrast contributors. All rights reserved.
"""NeighbourContrastLoss (CoNe) against a naive per-sample loop (spec §8)."""
import math

import pytest
import torch
import torch.nn.functional as F

from mmcontrast.contrastive.losses import NeighbourContrastLoss, neighbour_contrast_loss
from mmcontrast.registry import MODELS


def _data(b=6, k=40, d=16, c=5, seed=0, dtype=torch.float64):
    g = torch.Generator().manual_seed(seed)
    z = F.normalize(torch.randn(b, d, generator=g, dtype=dtype), dim=1)
    q = F.normalize(torch.randn(k, d, generator=g, dtype=dtype), dim=1)
    ql = torch.randint(0, c, (k, ), generator=g)
    y = torch.randint(0, c, (b, ), generator=g)
    return z, q, ql, y


def _naive(z, q, ql, y, knn_k, tau, eps=1e-8):
    total = 0.0
    for b in range(z.shape[0]):
        sims = [float(sum(z[b, i] * q[j, i] for i in range(z.shape[1]))) for j in range(q.shape[0])]
        order = sorted(range(len(sims)), key=lambda j: -sims[j])[:knn_k]
        exps = [math.exp(sims[j] / tau) for j in order]
        mass = sum(e for e, j in zip(exps, order) if int(ql[j]) == int(y[b])) / sum(exps)
        if mass > eps:
            total += -math.log(mass)
    return total / z.shape[0]


@pytest.mark.parametrize('knn_k,tau,seed', [(8, 0.1, 0), (8, 0.5, 1), (40, 0.1, 2), (1, 0.2, 3)])
def test_matches_naive_loop(knn_k, tau, seed):
    z, q, ql, y = _data(seed=seed)
    got = neighbour_contrast_loss(z, q, ql, y, knn_k=knn_k, temperature=tau)
    assert got.dtype == torch.float64
    assert abs(float(got) - _naive(z, q, ql, y, knn_k, tau)) < 1e-10


def test_gradcheck_wrt_query():
    z, q, ql, y = _data()
    z = z.clone().requires_grad_(True)
    assert torch.autograd.gradcheck(
        lambda zz: neighbour_contrast_loss(zz, q, ql, y, knn_k=8, temperature=0.1), (z, ))


def test_gradient_only_to_query():
    z, q, ql, y = _data(dtype=torch.float32)
    z.requires_grad_(True)
    q.requires_grad_(True)
    neighbour_contrast_loss(z, q, ql, y, knn_k=8).backward()
    assert z.grad is not None and torch.isfinite(z.grad).all() and z.grad.abs().sum() > 0
    assert q.grad is None


def test_no_common_label_is_graph_connected_zero():
    z, q, _, _ = _data(dtype=torch.float32)
    z.requires_grad_(True)
    ql = torch.full((q.shape[0], ), 7)
    y = torch.zeros(z.shape[0], dtype=torch.long)
    loss = neighbour_contrast_loss(z, q, ql, y, knn_k=8)
    assert float(loss) == 0.0 and loss.requires_grad
    loss.backward()
    assert torch.equal(z.grad, torch.zeros_like(z))


def test_partial_no_positive_skipped_but_divided_by_batch():
    z, q, ql, y = _data()
    y[0] = 99  # sample 0 has no same-class neighbour: contributes 0, still counts in B
    full = neighbour_contrast_loss(z, q, ql, y, knn_k=8)
    rest = neighbour_contrast_loss(z[1:], q, ql, y[1:], knn_k=8)
    assert torch.allclose(full, rest * 5 / 6, atol=1e-12)
    assert abs(float(full) - _naive(z, q, ql, y, 8, 0.1)) < 1e-10


def test_all_same_class_is_zero_and_empty_batch():
    z, q, _, _ = _data()
    ql = torch.zeros(q.shape[0], dtype=torch.long)
    y = torch.zeros(z.shape[0], dtype=torch.long)
    assert abs(float(neighbour_contrast_loss(z, q, ql, y, knn_k=8))) < 1e-12
    empty = torch.zeros(0, z.shape[1], dtype=z.dtype, requires_grad=True)
    out = neighbour_contrast_loss(empty, q, ql, y[:0], knn_k=8)
    assert float(out) == 0.0 and out.requires_grad


def test_invalid_arguments():
    z, q, ql, y = _data()
    with pytest.raises(ValueError, match='knn_k'):
        neighbour_contrast_loss(z, q, ql, y, knn_k=41)
    with pytest.raises(ValueError, match='query'):
        neighbour_contrast_loss(z[:, :3], q, ql, y)
    with pytest.raises(ValueError, match='knn_k'):
        NeighbourContrastLoss(knn_k=0)
    with pytest.raises(ValueError, match='temperature'):
        NeighbourContrastLoss(temperature=0.)
    with pytest.raises(ValueError, match='loss_weight'):
        NeighbourContrastLoss(loss_weight=-1.)


def test_module_weight_registry_and_bf16_autocast():
    z, q, ql, y = _data(dtype=torch.float32)
    module = MODELS.build(
        dict(type='NeighbourContrastLoss', knn_k=8, temperature=0.1, loss_weight=0.7))
    ref = neighbour_contrast_loss(z, q, ql, y, knn_k=8, temperature=0.1)
    assert torch.allclose(module(z, q, ql, y), 0.7 * ref)
    with torch.autocast('cpu', dtype=torch.bfloat16):
        out = module(z.bfloat16(), q.bfloat16(), ql, y)
    assert out.dtype == torch.float32 and torch.isfinite(out)
    assert abs(float(out) - float(0.7 * ref)) < 0.1


def test_invariant_to_queue_permutation():
    z, q, ql, y = _data()
    perm = torch.randperm(q.shape[0])
    a = neighbour_contrast_loss(z, q, ql, y, knn_k=8)
    b = neighbour_contrast_loss(z, q[perm], ql[perm], y, knn_k=8)
    assert torch.allclose(a, b, atol=1e-12)
