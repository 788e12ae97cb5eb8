# Copyright (c) mmcontrast contributors. All rights reserved.
"""FOCAL v2 soft contrastive loss ([recon] placeholder of the spec)."""
import math

import pytest
import torch
import torch.nn.functional as F

from mmcontrast.contrastive.losses import (FOCALSoftContrastLoss, focal_contrast_loss,
                                           focal_soft_contrast_loss, focal_soft_weights)


def _toy(B=2, C=5, seed=0):
    g = torch.Generator().manual_seed(seed)
    feats = torch.randn(B, C, 2, 5, generator=g, dtype=torch.float64)
    labels = torch.zeros(B, 2, 5, dtype=torch.long)
    labels[:, 0, :4] = 1
    return feats, labels


def naive_soft(feats, labels, tau=0.1, tw=0.1):
    f = F.normalize(feats, dim=1).flatten(2)
    lab = labels.flatten(1)
    out = []
    for b in range(feats.shape[0]):
        qi = torch.nonzero(lab[b] == 0).flatten().tolist()
        ni = torch.nonzero(lab[b] == 1).flatten().tolist()
        m0 = F.normalize(f[b][:, qi].mean(1), dim=0)
        m1 = F.normalize(f[b][:, ni].mean(1), dim=0)
        w = [1 / (1 + math.exp(-((f[b][:, i] @ m0 - f[b][:, i] @ m1).item() / tw))) for i in qi]
        w = [x * len(w) / sum(w) for x in w]
        terms = []
        for wi, i in zip(w, qi):
            pos = sum(f[b][:, i] @ f[b][:, j] / tau for j in qi if j != i) / (len(qi) - 1)
            den = math.log(math.exp(pos) + sum(math.exp(f[b][:, i] @ f[b][:, m] / tau) for m in ni))
            terms.append(wi * (den - pos))
        out.append(sum(terms) / len(terms))
    return sum(out) / len(out)


def test_matches_naive_weighted_loop():
    feats, labels = _toy()
    loss = focal_soft_contrast_loss(feats, labels, 0.1, weight_temperature=0.1)
    assert abs(loss.item() - naive_soft(feats, labels)) < 1e-10


def test_weights_mean_one_detached_and_ordered():
    q = F.normalize(torch.randn(2, 6, 4), dim=-1)
    n = F.normalize(torch.randn(2, 3, 4), dim=-1)
    qv = torch.ones(2, 6, dtype=torch.bool)
    qv[1, 4:] = False
    nv = torch.ones(2, 3, dtype=torch.bool)
    q.requires_grad_(True)
    w = focal_soft_weights(q, qv, n, nv)
    assert not w.requires_grad
    assert torch.allclose(w[0].mean(), torch.tensor(1.0))
    assert torch.allclose(w[1, :4].mean(), torch.tensor(1.0)) and (w[1, 4:] == 0).all()
    # an anchor closer to its own centre than to the other gets a larger weight
    m0 = F.normalize(q[0].detach().mean(0), dim=0)
    m1 = F.normalize(n[0].mean(0), dim=0)
    margin = q[0].detach() @ m0 - q[0].detach() @ m1
    assert torch.equal(torch.argsort(margin), torch.argsort(w[0]))


def test_flat_weights_reduce_to_v1():
    feats, labels = _toy()
    soft = focal_soft_contrast_loss(feats, labels, weight_temperature=1e6)
    assert torch.allclose(soft, focal_contrast_loss(feats, labels), atol=1e-8)


@pytest.mark.parametrize('fill', [0, 1])
def test_degenerate_batches(fill):
    feats = torch.randn(2, 3, 4, 4, requires_grad=True)
    labels = torch.full((2, 4, 4), fill, dtype=torch.long)
    loss = FOCALSoftContrastLoss(symmetric=True)(feats, labels)
    assert loss.item() == 0
    loss.backward()
    assert torch.isfinite(feats.grad).all()


def test_module_validation():
    with pytest.raises(ValueError, match='weight_temperature'):
        FOCALSoftContrastLoss(weight_temperature=0)
    assert FOCALSoftContrastLoss().loss_name == 'loss_focal_soft'
