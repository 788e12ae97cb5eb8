# Copyright (c) mmcontrast contributors. All rights reserved.
import math

import pytest
import torch

from mmcontrast.contrastive.losses import (CrossSimilarityLoss, cross_similarity_loss,
                                           cross_similarity_map)


def naive_map(a, b, alpha, s):
    """Explicit zero padding and explicit sums over windows, positions and channels."""
    B, C, h, w = a.shape
    nh, nw = math.ceil(h / alpha), math.ceil(w / alpha)
    bp = torch.zeros(B, C, nh * alpha, nw * alpha, dtype=a.dtype)
    bp[:, :, :h, :w] = b
    out = torch.zeros(B, nh * nw, h - alpha + 1, w - alpha + 1, dtype=a.dtype)
    for bi in range(B):
        for n in range(nh * nw):
            wr, wc = divmod(n, nw)
            win = bp[bi, :, wr * alpha:(wr + 1) * alpha, wc * alpha:(wc + 1) * alpha]
            for i in range(h - alpha + 1):
                for j in range(w - alpha + 1):
                    acc = 0.
                    for u in range(alpha):
                        for v in range(alpha):
                            acc += float((a[bi, :, i + u, j + v] * win[:, u, v]).sum())
                    out[bi, n, i, j] = s * acc
    return out


def naive_loss(y1, y2, alpha, s, eps=1e-8):
    c12, c21 = naive_map(y1, y2, alpha, s), naive_map(y2, y1, alpha, s)
    vals = []
    for bi in range(y1.shape[0]):
        for i in range(c12.shape[2]):
            for j in range(c12.shape[3]):
                p, q = c12[bi, :, i, j], c21[bi, :, i, j]
                vals.append(float((p * q).sum()) / max(float(p.norm() * q.norm()), eps))
    return sum(vals) / len(vals)


@pytest.mark.parametrize('alpha', [1, 2, 3])
@pytest.mark.parametrize('size', [(7, 7), (9, 25)])
def test_map_matches_naive_loop(alpha, size):
    g = torch.Generator().manual_seed(alpha)
    a = torch.randn(2, 3, *size, dtype=torch.float64, generator=g)
    b = torch.randn(2, 3, *size, dtype=torch.float64, generator=g)
    out = cross_similarity_map(a, b, alpha, 0.001)
    ref = naive_map(a, b, alpha, 0.001)
    nw = math.ceil(size[0] / alpha) * math.ceil(size[1] / alpha)
    assert out.shape == (2, nw, size[0] - alpha + 1, size[1] - alpha + 1)
    torch.testing.assert_close(out, ref, atol=1e-10, rtol=0)


def test_shapes_on_7x7():
    a = torch.randn(2, 4, 7, 7)
    assert cross_similarity_map(a, a, 1).shape == (2, 49, 7, 7)
    assert cross_similarity_map(a, a, 2).shape == (2, 16, 6, 6)
    assert cross_similarity_map(a, a, 3).shape == (2, 9, 5, 5)


def test_alpha1_is_dot_product_and_transpose():
    a = torch.randn(1, 5, 4, 4, dtype=torch.float64)
    b = torch.randn(1, 5, 4, 4, dtype=torch.float64)
    s = 0.5
    ab = cross_similarity_map(a, b, 1, s).reshape(16, 16)    # (n, ij)
    ba = cross_similarity_map(b, a, 1, s).reshape(16, 16)
    ref = s * b.reshape(5, 16).T @ a.reshape(5, 16)          # [n, ij] = s <a_ij, b_n>
    torch.testing.assert_close(ab, ref, atol=1e-12, rtol=0)
    torch.testing.assert_close(ba, ab.T, atol=1e-12, rtol=0)


@pytest.mark.parametrize('alpha', [1, 2, 3])
def test_loss_matches_naive_and_sign(alpha):
    g = torch.Generator().manual_seed(10 + alpha)
    y1 = torch.randn(2, 3, 7, 7, dtype=torch.float64, generator=g)
    y2 = torch.randn(2, 3, 7, 7, dtype=torch.float64, generator=g)
    c = naive_loss(y1, y2, alpha, 0.001)
    assert abs(float(cross_similarity_loss(y1, y2, alpha, sign='official')) - c) < 1e-6
    assert abs(float(cross_similarity_loss(y1, y2, alpha)) - (1 - c)) < 1e-6


def test_loss_invariant_to_scale_and_positive_scaling():
    y1, y2 = torch.randn(2, 4, 7, 7), torch.randn(2, 4, 7, 7)
    base = cross_similarity_loss(y1, y2, 3, 0.001)
    torch.testing.assert_close(cross_similarity_loss(y1, y2, 3, 1.0), base, atol=1e-5, rtol=0)
    torch.testing.assert_close(cross_similarity_loss(3 * y1, 0.5 * y2, 3), base, atol=1e-5, rtol=0)


def test_identical_views_give_zero_default_loss():
    y = torch.randn(1, 4, 7, 7)
    assert float(cross_similarity_loss(y, y, 1)) == pytest.approx(0., abs=1e-5)


def test_edge_cases_finite():
    z = torch.zeros(1, 4, 7, 7, requires_grad=True)
    loss = cross_similarity_loss(z, torch.zeros(1, 4, 7, 7), 3)
    assert torch.isfinite(loss)
    loss.backward()
    assert torch.isfinite(z.grad).all()


def test_gradcheck():
    y1 = torch.randn(1, 2, 4, 5, dtype=torch.float64, requires_grad=True)
    y2 = torch.randn(1, 2, 4, 5, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(lambda a, b: cross_similarity_loss(a, b, 2, 1.0).double(),
                                    (y1, y2))


def test_module_validation_and_weight():
    with pytest.raises(ValueError, match='alpha'):
        CrossSimilarityLoss(alpha=0)
    with pytest.raises(ValueError, match='alpha'):
        CrossSimilarityLoss(alpha=8, feat_size=(7, 7))
    with pytest.raises(ValueError, match='sign'):
        CrossSimilarityLoss(sign='plus')
    with pytest.raises(ValueError, match='alpha'):
        cross_similarity_map(torch.randn(1, 2, 3, 3), torch.randn(1, 2, 3, 3), 4)
    y1, y2 = torch.randn(2, 4, 7, 7), torch.randn(2, 4, 7, 7)
    torch.testing.assert_close(CrossSimilarityLoss(alpha=2, loss_weight=2.)(y1, y2),
                               2 * cross_similarity_loss(y1, y2, 2))
