# Copyright (c) mmcontrast contributors. All rights reserved.
"""Tests of :func:`triplet_margin_loss` (Age's L_tri)."""
import pytest
import torch
import torch.nn.functional as F

from mmcontrast.contrastive.losses import TripletMarginLoss, triplet_margin_loss
from mmcontrast.registry import MODELS


def _emb(b=10, d=6, seed=0):
    g = torch.Generator().manual_seed(seed)
    return [
        F.normalize(
            torch.randn(b, d, generator=g, dtype=torch.float64), dim=1)
        for _ in range(3)
    ]


def naive(a, p, n, margin, distance, valid):
    vals = []
    for i in range(a.shape[0]):
        if valid is not None and not valid[i]:
            continue
        if distance == 'euclidean':
            dp, dn = torch.sqrt(((a[i] - p[i])**2).sum()), torch.sqrt(
                ((a[i] - n[i])**2).sum())
        else:
            dp = 1 - (a[i] @ p[i]) / (a[i].norm() * p[i].norm())
            dn = 1 - (a[i] @ n[i]) / (a[i].norm() * n[i].norm())
        vals.append(torch.clamp(dp - dn + margin, min=0))
    return torch.stack(vals).mean()


@pytest.mark.parametrize('distance', ['euclidean', 'cosine'])
@pytest.mark.parametrize('masked', [False, True])
@pytest.mark.parametrize('margin', [0.2, 1.0])
def test_matches_naive(distance, masked, margin):
    a, p, n = _emb()
    valid = torch.tensor([1, 0, 1, 1, 0, 1, 1, 1, 0, 1],
                         dtype=torch.bool) if masked else None
    out = triplet_margin_loss(a, p, n, margin, distance, valid, eps=0)
    torch.testing.assert_close(
        out, naive(a, p, n, margin, distance, valid), atol=1e-10, rtol=0)


def test_peers_torch_and_pytorch_metric_learning():
    a, p, n = _emb(b=16)
    torch.testing.assert_close(
        triplet_margin_loss(a, p, n, 0.2),
        F.triplet_margin_loss(a, p, n, margin=0.2, eps=1e-6))
    pml = pytest.importorskip('pytorch_metric_learning.losses')
    from pytorch_metric_learning.reducers import MeanReducer
    emb = torch.cat([a, p, n])
    idx = torch.arange(16)
    ref = pml.TripletMarginLoss(
        margin=0.2, reducer=MeanReducer())(
            emb, indices_tuple=(idx, idx + 16, idx + 32))
    torch.testing.assert_close(
        triplet_margin_loss(a, p, n, 0.2, eps=0), ref, atol=1e-6, rtol=0)


def test_gradcheck_invariance_and_edges():
    a, p, n = [x.requires_grad_() for x in _emb(b=5, d=3)]
    for distance in ('euclidean', 'cosine'):
        assert torch.autograd.gradcheck(
            lambda a, p, n: triplet_margin_loss(a, p, n, 1.0, distance),
            (a, p, n))
    perm = torch.randperm(5)
    torch.testing.assert_close(
        triplet_margin_loss(a[perm], p[perm], n[perm], 1.0),
        triplet_margin_loss(a, p, n, 1.0))
    # no valid triplet -> finite zero with graph
    out = triplet_margin_loss(a, p, n, valid=torch.zeros(5, dtype=torch.bool))
    assert out.item() == 0
    out.backward()
    # d = 0 (anchor == positive == negative): finite gradient thanks to eps
    x = torch.ones(2, 3, requires_grad=True)
    out = triplet_margin_loss(x, x * 1, x * 1, 0.2)
    out.backward()
    assert torch.isfinite(x.grad).all()


def test_module_and_validation():
    a, p, n = _emb()
    mod = MODELS.build(
        dict(
            type='TripletMarginLoss',
            margin=0.2,
            distance='cosine',
            loss_weight=2.0))
    torch.testing.assert_close(
        mod(a, p, n), 2 * triplet_margin_loss(a, p, n, 0.2, 'cosine'))
    for bad in (dict(distance='l1'), dict(margin=-1), dict(eps=-1)):
        with pytest.raises(ValueError):
            TripletMarginLoss(**bad)
    with pytest.raises(ValueError, match='valid'):
        triplet_margin_loss(a, p, n, valid=torch.ones(3, dtype=torch.bool))
