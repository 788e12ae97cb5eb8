# Copyright (c) mmcontrast contributors. All rights reserved.
"""CrossModulation follows the spec's formula."""
import torch
import torch.nn.functional as F

import mmcontrast.seg  # noqa: F401
from mmseg.registry import MODELS


def _mlp(seq, z):
    z = F.gelu(F.conv2d(z, seq[0].weight, seq[0].bias))
    z = F.gelu(F.conv2d(z, seq[2].weight, seq[2].bias))
    return F.conv2d(z, seq[4].weight, seq[4].bias)


def test_matches_formula_and_shapes():
    torch.manual_seed(0)
    m = MODELS.build(dict(type='CrossModulation', channels=6))
    m.init_weights()
    c, x = torch.randn(2, 6, 5, 7), torch.randn(2, 6, 5, 7)
    c_out, x_out = m(c, x)
    z = torch.cat([c, x], 1)
    s = torch.sigmoid(_mlp(m.spatial_mlp, z))
    assert s.shape == (2, 1, 5, 7)
    pooled = torch.cat([F.adaptive_avg_pool2d(z, 1), F.adaptive_max_pool2d(z, 1)], 1)
    cc = torch.sigmoid(_mlp(m.channel_mlp, pooled))
    assert cc.shape == (2, 6, 1, 1)
    assert torch.allclose(c_out, c + 0.5 * x * s + 0.5 * x * cc, atol=1e-6)
    assert torch.allclose(x_out, x + 0.5 * c * s + 0.5 * c * cc, atol=1e-6)


def test_fan_out_init():
    m = MODELS.build(dict(type='CrossModulation', channels=64))
    m.init_weights()
    w = m.channel_mlp[0].weight             # 256 -> 256 1x1: std sqrt(2 / 256)
    assert abs(w.std().item() - (2 / 256) ** 0.5) < 0.01
    assert m.channel_mlp[0].bias.abs().max().item() == 0
