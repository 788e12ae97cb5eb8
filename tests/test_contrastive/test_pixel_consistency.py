# Copyright (c) mmcontrast contributors. All rights reserved.
import pytest
import torch

from mmcontrast.contrastive.losses import PixelConsistencyLoss, pixel_consistency_loss


def naive(y, t, A):
    B, C = y.shape[:2]
    yf, tf = y.reshape(B, C, -1), t.reshape(B, C, -1)
    vals = []
    for b in range(B):
        for i in range(yf.shape[-1]):
            for j in range(tf.shape[-1]):
                if A[b, i, j]:
                    p, q = yf[b, :, i], tf[b, :, j]
                    vals.append(float((p * q).sum() / (p.norm() * q.norm())))
    return -sum(vals) / len(vals)


def test_matches_loop_and_transpose():
    g = torch.Generator().manual_seed(0)
    y = torch.randn(2, 8, 3, 3, dtype=torch.float64, generator=g)
    t = torch.randn(2, 8, 3, 3, dtype=torch.float64, generator=g)
    A = torch.rand(2, 9, 9, generator=g) > 0.6
    assert float(pixel_consistency_loss(y, t, A)) == pytest.approx(naive(y, t, A), abs=1e-6)
    assert float(pixel_consistency_loss(y, t, A, transpose_mask=True)) == pytest.approx(
        naive(y, t, A.transpose(1, 2)), abs=1e-6)


def test_identical_features_diag_mask_is_minus_one():
    y = torch.randn(1, 4, 3, 3)
    A = torch.eye(9, dtype=torch.bool)[None]
    assert float(pixel_consistency_loss(y, y, A)) == pytest.approx(-1.0, abs=1e-5)


def test_no_positive_pairs_is_finite_zero_with_graph():
    y = torch.randn(2, 4, 3, 3, requires_grad=True)
    none = torch.zeros(2, 9, 9, dtype=torch.bool)
    loss = PixelConsistencyLoss()(y, torch.randn(2, 4, 3, 3), none)
    assert loss.item() == 0.0 and torch.isfinite(loss)
    loss.backward()
    assert torch.equal(y.grad, torch.zeros_like(y))


def test_gradcheck_and_validation():
    y = torch.randn(1, 3, 2, 2, dtype=torch.float64, requires_grad=True)
    t = torch.randn(1, 3, 2, 2, dtype=torch.float64)
    A = torch.tensor([[[1, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 1], [1, 1, 0, 0]]], dtype=torch.bool)
    assert torch.autograd.gradcheck(lambda a: pixel_consistency_loss(a, t, A).double(), (y,))
    with pytest.raises(ValueError, match='pos_mask'):
        pixel_consistency_loss(y, t, A[:, :3])
    with pytest.raises(ValueError, match='transpose_mask'):
        PixelConsistencyLoss(transpose_mask='yes')
