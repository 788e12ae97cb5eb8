# Copyright (c) mmcontrast contributors. All rights reserved.
"""ContextDecoder (DenseCLIP post-model prompting)."""
import pytest
import torch

import mmcontrast.seg  # noqa: F401
from mmcontrast.seg.models.vision_language import ContextDecoder


def test_shapes_init_and_memory_dependence():
    torch.manual_seed(0)
    dec = ContextDecoder(visual_dim=24, transformer_width=16, transformer_heads=4,
                         transformer_layers=2).eval()
    assert dec.text_proj[1].bias.abs().sum() == 0
    assert dec.text_proj[1].weight.std() < 0.05  # trunc_normal(0.02)
    text, mem = torch.randn(2, 5, 24), torch.randn(2, 10, 24)
    out = dec(text, mem)
    assert out.shape == (2, 5, 24)
    mem2 = mem.clone()
    mem2[1] = torch.randn(10, 24)  # (a constant shift would vanish in the LayerNorm)
    out2 = dec(text, mem2)
    torch.testing.assert_close(out[0], out2[0])  # per-image memory
    assert not torch.allclose(out[1], out2[1])


def test_bad_heads():
    with pytest.raises(ValueError):
        ContextDecoder(transformer_width=10, transformer_heads=4)
