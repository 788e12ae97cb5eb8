# Copyright (c) mmcontrast contributors. All rights reserved.
import pytest
import torch

import mmcontrast.pretrain  # noqa: F401
from mmcontrast.pretrain.models.necks import DenseProjectionNeck, PixelPropagation


def test_ppm_matches_loop_clamps_and_gamma():
    torch.manual_seed(0)
    ppm = PixelPropagation(channels=4, gamma=3.0).double()
    x = torch.randn(2, 4, 2, 3, dtype=torch.float64)
    y = ppm(x)
    W, b = ppm.transform.weight[:, :, 0, 0], ppm.transform.bias
    xf = x.flatten(2)
    for bi in range(2):
        for i in range(6):
            acc = torch.zeros(4, dtype=torch.float64)
            for j in range(6):
                p, q = xf[bi, :, i], xf[bi, :, j]
                cos = float((p * q).sum() / (p.norm() * q.norm()))
                acc += max(cos, 0.0) ** 3 * (W @ q + b)
            torch.testing.assert_close(y[bi].flatten(1)[:, i], acc, atol=1e-10, rtol=0)


def test_ppm_negative_cosines_do_not_propagate():
    ppm = PixelPropagation(channels=2, gamma=2.0).double()
    x = torch.tensor([[[[1., -1.]], [[0., 0.]]]], dtype=torch.float64)  # opposite pixels
    y = ppm(x)
    tx = ppm.transform(x)
    torch.testing.assert_close(y, tx)  # each pixel only sees itself (cos 1), the other is clamped


def test_ppm_gradcheck_and_validation():
    ppm = PixelPropagation(channels=2).double()
    x = torch.randn(1, 2, 2, 2, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(ppm, (x,))
    with pytest.raises(ValueError, match='gamma'):
        PixelPropagation(gamma=0)


def test_dense_projection_neck_shapes():
    neck = DenseProjectionNeck(in_channels=8, hid_channels=6, out_channels=4)
    neck.init_weights()
    out = neck((torch.randn(2, 8, 7, 7), ))
    assert isinstance(out, tuple) and out[0].shape == (2, 4, 7, 7)
    with pytest.raises(ValueError, match='in_channels'):
        DenseProjectionNeck(in_channels=0)
