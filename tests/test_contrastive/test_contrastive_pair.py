# Copyright (c) mmcontrast contributors. All rights reserved.
"""Tests of :func:`contrastive_pair_loss` (Hadsell et al.; FP-attack's victim loss)."""
import pytest
import torch

from mmcontrast.contrastive.losses import ContrastivePairLoss, contrastive_pair_loss
from mmcontrast.registry import MODELS


def _naive(x1, x2, label, margin, alpha, beta, port):
    """fpattack.md §3 written per pair, both conventions of §7.1."""
    terms = []
    for b in range(x1.shape[0]):
        d = torch.sqrt(((x1[b] - x2[b] + 1e-6)**2).sum())
        same = 1 - label[b] if port else label[b]
        terms.append(alpha * same * d**2 + beta * (1 - same) * max(margin - d, 0 * d)**2)
    return torch.stack(terms).mean()


def _data(b=8, d=5):
    g = torch.Generator().manual_seed(0)
    x1 = torch.randn(b, d, generator=g, dtype=torch.float64) * 0.4
    x2 = torch.randn(b, d, generator=g, dtype=torch.float64) * 0.4
    label = torch.tensor([1, 0, 1, 1, 0, 0, 1, 0])[:b]
    return x1, x2, label


@pytest.mark.parametrize('port', [False, True])
@pytest.mark.parametrize('margin,alpha,beta', [(1.0, 1.0, 1.0), (0.7, 0.5, 2.0)])
def test_matches_naive_both_conventions(port, margin, alpha, beta):
    x1, x2, label = _data()
    conv = 'port_loss' if port else 'is_same'
    out = contrastive_pair_loss(x1, x2, label, margin, alpha, beta, conv)
    ref = _naive(x1, x2, label.double(), margin, alpha, beta, port)
    torch.testing.assert_close(out, ref, atol=1e-12, rtol=0)
    # the two conventions differ on these pairs (the margin term is active)
    other = contrastive_pair_loss(x1, x2, label, margin, alpha, beta,
                                  'is_same' if port else 'port_loss')
    assert not torch.isclose(out, other)


def test_valid_mask_gradcheck_and_zero_distance():
    x1, x2, label = _data()
    valid = torch.tensor([1, 1, 0, 1, 0, 1, 1, 1], dtype=torch.bool)
    out = contrastive_pair_loss(x1, x2, label, valid=valid)
    ref = _naive(x1[valid], x2[valid], label[valid].double(), 1.0, 1.0, 1.0, False)
    torch.testing.assert_close(out, ref, atol=1e-12, rtol=0)
    a, b = x1.clone().requires_grad_(), x2.clone().requires_grad_()
    assert torch.autograd.gradcheck(lambda p, q: contrastive_pair_loss(p, q, label), (a, b))
    # d = 0 for a dissimilar pair: eps keeps the gradient finite
    z = torch.zeros(2, 3, requires_grad=True)
    contrastive_pair_loss(z, z.detach().clone(), torch.tensor([0, 0])).backward()
    assert torch.isfinite(z.grad).all() and z.grad.abs().sum() > 0
    # empty batch and no valid pair: finite zero with a graph
    e = torch.zeros(0, 3, requires_grad=True)
    out = contrastive_pair_loss(e, e, torch.zeros(0))
    assert out.item() == 0 and out.requires_grad
    out = contrastive_pair_loss(a, b, label, valid=torch.zeros(8, dtype=torch.bool))
    assert out.item() == 0 and out.requires_grad


def test_validation_and_module():
    x1, x2, label = _data()
    bad = x1.clone()
    bad[0, 0] = float('nan')
    with pytest.raises(ValueError, match='x1 holds 1 non-finite'):
        contrastive_pair_loss(bad, x2, label)
    with pytest.raises(ValueError, match='x2 holds'):
        contrastive_pair_loss(x1, x2.masked_fill(x2 > 0.5, float('inf')), label)
    with pytest.raises(ValueError, match='x2 must have the shape'):
        contrastive_pair_loss(x1, x2[:4], label)
    with pytest.raises(ValueError, match='is_same must have 8'):
        contrastive_pair_loss(x1, x2, label[:3])
    with pytest.raises(ValueError, match='only 0/1'):
        contrastive_pair_loss(x1, x2, label * 2)
    with pytest.raises(ValueError, match='label_convention'):
        contrastive_pair_loss(x1, x2, label, label_convention='csv')
    mod = MODELS.build(dict(type='ContrastivePairLoss', margin=0.7, loss_weight=2.0,
                            label_convention='port_loss'))
    assert mod.loss_name == 'loss_contrastive'
    torch.testing.assert_close(
        mod(x1, x2, label), 2 * contrastive_pair_loss(x1, x2, label, 0.7,
                                                      label_convention='port_loss'))
    with pytest.raises(ValueError, match='margin must be > 0'):
        ContrastivePairLoss(margin=0)
