# Copyright (c) mmcontrast contributors. All rights reserved.
"""DistributionConsistencyLoss (CoNe) against a naive loop, F.kl_div and its analytic gradient."""
import math

import pytest
import torch
import torch.nn.functional as F

from mmcontrast.contrastive.losses import (DistributionConsistencyLoss, confident_mask,
                                           distribution_consistency_loss,
                                           neighbour_class_distribution)
from mmcontrast.registry import MODELS


def _data(b=6, k=40, d=16, c=5, seed=0, dtype=torch.float64):
    g = torch.Generator().manual_seed(seed)
    logits = torch.randn(b, c, generator=g, dtype=dtype) * 2
    keys = F.normalize(torch.randn(b, d, generator=g, dtype=dtype), dim=1)
    qf = F.normalize(torch.randn(k, d, generator=g, dtype=dtype), dim=1)
    qp = torch.softmax(torch.randn(k, c, generator=g, dtype=dtype) * 2, dim=1)
    return logits, keys, qf, qp


def _naive(logits, keys, qf, qp, tau, keep):
    b_total, c = logits.shape
    total = 0.0
    for b in range(b_total):
        sims = [float((keys[b] * qf[j]).sum()) / tau for j in range(qf.shape[0])]
        mx = max(sims)
        w = [math.exp(s - mx) for s in sims]
        w = [x / sum(w) for x in w]
        t = [sum(w[j] * float(qp[j, cc]) for j in range(qf.shape[0])) for cc in range(c)]
        lz = math.log(sum(math.exp(float(v)) for v in logits[b]))
        if keep[b]:
            total += sum(t[cc] * (math.log(t[cc]) - (float(logits[b, cc]) - lz)) for cc in range(c)
                         if t[cc] > 0)
    return total / b_total


@pytest.mark.parametrize('tau,seed', [(0.07, 0), (0.5, 1), (1.0, 2)])
def test_matches_naive_loop(tau, seed):
    logits, keys, qf, qp = _data(seed=seed)
    keep = torch.tensor([True, False, True, True, True, False])
    t = neighbour_class_distribution(keys, qf, qp, tau)
    got = distribution_consistency_loss(logits, t, keep)
    assert abs(float(got) - _naive(logits, keys, qf, qp, tau, keep.tolist())) < 1e-10
    assert torch.allclose(t.sum(1), torch.ones(6, dtype=t.dtype))


def test_peer_kl_div_and_analytic_gradient():
    logits, keys, qf, qp = _data()
    logits.requires_grad_(True)
    t = neighbour_class_distribution(keys, qf, qp, 0.07)
    loss = distribution_consistency_loss(logits, t)
    ref = F.kl_div(F.log_softmax(logits, 1), t, reduction='sum') / logits.shape[0]
    assert torch.allclose(loss, ref, atol=1e-12)
    loss.backward()
    assert torch.allclose(logits.grad, (torch.softmax(logits, 1) - t) / 6, atol=1e-12)
    keep = torch.tensor([True, True, False, True, False, True])
    logits.grad = None
    distribution_consistency_loss(logits, t, keep).backward()
    want = keep[:, None] * (torch.softmax(logits, 1) - t) / 6
    assert torch.allclose(logits.grad, want, atol=1e-12)


def test_target_is_detached_and_keys_get_no_grad():
    logits, keys, qf, qp = _data(dtype=torch.float32)
    keys.requires_grad_(True)
    t = neighbour_class_distribution(keys, qf, qp)
    assert not t.requires_grad


def test_zero_target_entries_are_finite():
    logits, keys, qf, _ = _data()
    qp = torch.zeros(qf.shape[0], 5, dtype=torch.float64)
    qp[:, 2] = 1.0  # one-hot queue distributions: t has exact zeros
    t = neighbour_class_distribution(keys, qf, qp)
    loss = distribution_consistency_loss(logits, t)
    assert torch.isfinite(loss)
    assert torch.allclose(loss, -F.log_softmax(logits, 1)[:, 2].mean(), atol=1e-12)


def test_randn_queue_gives_nan_which_is_why_it_is_gated():
    logits, keys, qf, _ = _data()
    qp = torch.randn(
        qf.shape[0], 5, dtype=torch.float64, generator=torch.Generator().manual_seed(3))
    t = neighbour_class_distribution(keys, qf, qp)
    assert (t < 0).any()
    assert torch.isnan(distribution_consistency_loss(logits, t))


def test_keep_all_false_and_confident_mask():
    logits, keys, qf, qp = _data()
    logits.requires_grad_(True)
    t = neighbour_class_distribution(keys, qf, qp)
    out = distribution_consistency_loss(logits, t, torch.zeros(6, dtype=torch.bool))
    assert float(out) == 0.0 and out.requires_grad
    big = torch.tensor([[0., 0., 0.], [40., 0., 0.]])
    assert confident_mask(big).tolist() == [True, False]


def test_module_registry_weight_shapes_and_args():
    logits, keys, qf, qp = _data(dtype=torch.float32)
    module = MODELS.build(
        dict(type='DistributionConsistencyLoss', temperature=0.07, loss_weight=0.4))
    ref = distribution_consistency_loss(logits, neighbour_class_distribution(keys, qf, qp, 0.07))
    assert torch.allclose(module(logits, keys, qf, qp), 0.4 * ref)
    with torch.autocast('cpu', dtype=torch.bfloat16):
        out = module(logits.bfloat16(), keys.bfloat16(), qf.bfloat16(), qp.half())
    assert out.dtype == torch.float32 and torch.isfinite(out)
    with pytest.raises(ValueError, match='temperature'):
        DistributionConsistencyLoss(temperature=-1)
    with pytest.raises(ValueError, match='loss_weight'):
        DistributionConsistencyLoss(loss_weight=-1)
    with pytest.raises(ValueError, match='shape'):
        distribution_consistency_loss(logits, logits[:, :2])
