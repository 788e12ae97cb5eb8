# Copyright (c) mmcontrast contributors. All rights reserved.
"""Age losses: triplet/cosine parity with torch and PML, gradients (age.md §8.1-3)."""
import pytest
import torch
import torch.nn.functional as F

from mmcontrast.contrastive.losses import cosine_pair_loss, triplet_margin_loss
from mmcontrast.pretrain.models.heads import AgeContrastHead, dex_expectation, regression_loss


def _triplet(seed=0, b=8, d=128):
    g = torch.Generator().manual_seed(seed)
    return [F.normalize(torch.randn(b, d, generator=g), dim=1) for _ in range(3)]


def test_triplet_matches_torch():
    a, p, n = _triplet()
    ref = torch.nn.TripletMarginLoss(margin=0.2, p=2)(a, p, n)
    assert torch.allclose(triplet_margin_loss(a, p, n, 0.2), ref, atol=1e-5)


def test_triplet_matches_pml_explicit_triplets_mean_reducer():
    pml = pytest.importorskip('pytorch_metric_learning')
    from pytorch_metric_learning.distances import LpDistance
    from pytorch_metric_learning.losses import TripletMarginLoss
    from pytorch_metric_learning.reducers import MeanReducer
    a, p, n = _triplet(1)
    b = a.shape[0]
    emb = torch.cat([a, p, n])
    idx = torch.arange(b)
    loss = TripletMarginLoss(margin=0.2, distance=LpDistance(normalize_embeddings=False, p=2),
                             reducer=MeanReducer())
    ref = loss(emb, torch.arange(3 * b), indices_tuple=(idx, idx + b, idx + 2 * b))
    assert pml is not None
    assert torch.allclose(triplet_margin_loss(a, p, n, 0.2), ref, atol=1e-5)


def test_cosine_matches_torch_and_mmpretrain():
    a, p, _ = _triplet(2)
    ref = torch.nn.CosineEmbeddingLoss()(a, p, torch.ones(a.shape[0]))
    assert torch.allclose(cosine_pair_loss(a, p), ref, atol=1e-6)
    from mmpretrain.models.losses import CosineSimilarityLoss
    ref2 = CosineSimilarityLoss(shift_factor=1.0, scale_factor=1.0)(a, p)
    assert torch.allclose(cosine_pair_loss(a, p), ref2, atol=1e-6)


def test_triplet_masks_invalid_and_zero_distance_finite():
    a, p, n = _triplet(3)
    valid = torch.tensor([True, False] * 4)
    full = F.relu((a - p).norm(dim=1) - (a - n).norm(dim=1) + 0.2)
    assert torch.allclose(triplet_margin_loss(a, p, n, 0.2, valid=valid), full[valid].mean(),
                          atol=1e-5)
    x = a.clone().requires_grad_()
    out = triplet_margin_loss(x, x, x, 0.2, valid=torch.zeros(8, dtype=torch.bool))
    out.backward()
    assert out.item() == 0 and torch.isfinite(x.grad).all()
    y = a.clone().requires_grad_()
    triplet_margin_loss(y, y.detach(), n).backward()  # d(a, p) = 0
    assert torch.isfinite(y.grad).all()


def test_dex_expectation_gradient_closed_form():
    logits = torch.randn(5, 11, dtype=torch.float64, requires_grad=True)
    pred, p = dex_expectation(logits)
    pred.sum().backward()
    k = torch.arange(11, dtype=torch.float64)
    # d y_hat / d logit_k = (k - y_hat) * p_k
    expected = (k[None] - pred.detach()[:, None]) * p.detach()
    assert torch.allclose(logits.grad, expected, atol=1e-10)


@pytest.mark.parametrize('reg_loss', ['l1', 'ce_soft', 'mean_variance'])
def test_combined_loss_gradcheck(reg_loss):
    torch.manual_seed(0)
    b, d, k = 3, 6, 7
    ages = torch.tensor([1., 2., 5., 1., 2., 6., 6., 0., 0.], dtype=torch.float64)
    idx = torch.arange(b)
    trip = (idx, idx + b, idx + 2 * b)
    valid = torch.tensor([True, True, False])

    def fn(z, logits):
        emb = F.normalize(z, dim=1)
        pred, prob = dex_expectation(logits)
        l_reg = regression_loss(pred, ages + 0.3, prob, reg_loss, sigma=2.0)
        a, p, n = emb[trip[0]], emb[trip[1]], emb[trip[2]]
        return l_reg + cosine_pair_loss(a, p) + triplet_margin_loss(a, p, n, 0.2, valid=valid)

    z = torch.randn(3 * b, d, dtype=torch.float64, requires_grad=True)
    logits = torch.randn(3 * b, k, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(fn, (z, logits), eps=1e-6, atol=1e-5)


def test_head_options_and_errors():
    feats = torch.randn(6, 16)
    ages = torch.tensor([0., 3., 9., 120., -2., 5.])  # out of range: clipped for the bins
    for kw in (dict(reg_type='linear'), dict(reg_loss='ce_soft'), dict(reg_loss='mean_variance'),
               dict(reg_input='embedding'), dict(distance='cosine')):
        head = AgeContrastHead(16, 8, 4, num_bins=10, **kw)
        out = head(feats)
        assert out['pred_age'].shape == (6, ) and out['embed'].shape == (6, 4)
        idx = torch.arange(2)
        losses = head.loss_from_outputs(out, ages, (idx, idx + 2, idx + 4))
        assert all(torch.isfinite(v) for v in losses.values())
    with pytest.raises(ValueError, match='reg_type'):
        AgeContrastHead(16, reg_type='bins')
    with pytest.raises(ValueError, match='needs reg_type'):
        AgeContrastHead(16, reg_type='linear', reg_loss='ce_soft')
