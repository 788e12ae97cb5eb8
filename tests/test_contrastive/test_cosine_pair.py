# Copyright (c) mmcontrast contributors. All rights reserved.
"""Tests of :func:`cosine_pair_loss` (Age's L_cos)."""
import pytest
import torch

from mmcontrast.contrastive.losses import CosinePairLoss, cosine_pair_loss
from mmcontrast.registry import MODELS


def test_matches_naive_and_torch_peer():
    g = torch.Generator().manual_seed(0)
    x, y = torch.randn(2, 9, 5, generator=g, dtype=torch.float64)
    valid = torch.tensor([1, 1, 0, 1, 0, 1, 1, 1, 1], dtype=torch.bool)
    ref = torch.stack([
        1 - x[i] @ y[i] / (x[i].norm() * y[i].norm()) for i in range(9)
        if valid[i]
    ]).mean()
    torch.testing.assert_close(
        cosine_pair_loss(x, y, valid), ref, atol=1e-12, rtol=0)
    peer = torch.nn.CosineEmbeddingLoss()(x, y, torch.ones(9))
    torch.testing.assert_close(cosine_pair_loss(x, y), peer)
    # scale invariance and permutation invariance
    perm = torch.randperm(9, generator=g)
    torch.testing.assert_close(
        cosine_pair_loss(3 * x[perm], 0.5 * y[perm]), peer)


def test_gradcheck_edges_module():
    x, y = torch.randn(2, 4, 3, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(cosine_pair_loss, (x, y))
    out = cosine_pair_loss(x, y, torch.zeros(4, dtype=torch.bool))
    assert out.item() == 0
    out.backward()
    assert cosine_pair_loss(x, x).abs() < 1e-12
    mod = MODELS.build(dict(type='CosinePairLoss', loss_weight=3.0))
    torch.testing.assert_close(mod(x, y), 3 * cosine_pair_loss(x, y))
    with pytest.raises(ValueError):
        CosinePairLoss(eps=-1)
    with pytest.raises(ValueError):
        cosine_pair_loss(x, y[:2])
