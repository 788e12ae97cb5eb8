# Copyright (c) mmcontrast contributors. All rights reserved.
import pytest
import torch

from mmcontrast.contrastive.losses import SpatialCosineLoss, spatial_cosine_loss


def test_matches_loop():
    g = torch.Generator().manual_seed(0)
    x = torch.randn(2, 3, 4, 5, dtype=torch.float64, generator=g)
    t = torch.randn(2, 3, 4, 5, dtype=torch.float64, generator=g)
    vals = []
    for b in range(2):
        for c in range(3):
            p, q = x[b, c].flatten(), t[b, c].flatten()
            vals.append(2 - 2 * float((p * q).sum() / (p.norm() * q.norm())))
    assert float(spatial_cosine_loss(x, t)) == pytest.approx(sum(vals) / len(vals), abs=1e-6)


def test_zero_when_equal_and_gradcheck():
    x = torch.randn(2, 3, 4, 4)
    assert float(SpatialCosineLoss()(x, x)) == pytest.approx(0., abs=1e-6)
    xd = torch.randn(1, 2, 3, 3, dtype=torch.float64, requires_grad=True)
    td = torch.randn(1, 2, 3, 3, dtype=torch.float64)
    assert torch.autograd.gradcheck(lambda a: spatial_cosine_loss(a, td).double(), (xd,))
    with pytest.raises(ValueError, match='loss_weight'):
        SpatialCosineLoss(loss_weight=-1)
