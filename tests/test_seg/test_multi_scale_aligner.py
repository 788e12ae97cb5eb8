# Copyright (c) mmcontrast contributors. All rights reserved.
"""MultiScaleAligner and the pixel-text score map."""
import pytest
import torch

import mmcontrast.seg  # noqa: F401
from mmcontrast.seg.models.vision_language import MultiScaleAligner, pixel_text_score


def test_score_map_properties():
    v, t = torch.randn(2, 8, 5, 6), torch.randn(2, 4, 8)
    s = pixel_text_score(v, t)
    assert s.shape == (2, 4, 5, 6) and s.abs().max() <= 1 + 1e-6
    perm = torch.tensor([2, 0, 3, 1])
    torch.testing.assert_close(pixel_text_score(v, t[:, perm]), s[:, perm])
    torch.testing.assert_close(pixel_text_score(v * 3.7, t), s)


def test_aligner_outputs_one_map_per_stage():
    al = MultiScaleAligner(in_channels=[4, 6], stages=(1, 2), embed_dim=8)
    feats = [torch.randn(2, 2, 16, 16), torch.randn(2, 4, 8, 8), torch.randn(2, 6, 4, 4)]
    maps = al(feats, torch.randn(2, 3, 8))
    assert [tuple(m.shape) for m in maps] == [(2, 3, 8, 8), (2, 3, 4, 4)]


def test_bad_config():
    with pytest.raises(ValueError):
        MultiScaleAligner(in_channels=[4], stages=(1, 2))
