# Copyright (c) mmcontrast contributors. All rights reserved.
"""CLIPVisionTransformer: multi-level maps, dense embeddings, positional resizing."""
import pytest
import torch

import mmcontrast.seg  # noqa: F401
from mmcontrast.seg.models.backbones import CLIPVisionTransformer


def test_levels_and_embeddings():
    m = CLIPVisionTransformer(input_resolution=64, patch_size=16, width=32, layers=4, heads=4,
                              output_dim=16, out_indices=(0, 1, 2, 3)).eval()
    outs = m(torch.randn(2, 3, 96, 64))  # grid 6x4 != stored 4x4: pos resized
    shapes = [tuple(o.shape) for o in outs[:4]]
    assert shapes == [(2, 32, 24, 16), (2, 32, 12, 8), (2, 32, 6, 4), (2, 32, 3, 2)]
    glob, dense = outs[4]
    assert glob.shape == (2, 16) and dense.shape == (2, 16, 6, 4)


def test_cls_embed_twice_changes_only_that():
    torch.manual_seed(0)
    a = CLIPVisionTransformer(input_resolution=32, width=32, layers=2, heads=4, output_dim=8,
                              out_indices=(0, 1, 1, 1)).eval()
    b = CLIPVisionTransformer(input_resolution=32, width=32, layers=2, heads=4, output_dim=8,
                              out_indices=(0, 1, 1, 1), cls_embed_twice=True).eval()
    b.load_state_dict(a.state_dict())
    x = torch.randn(1, 3, 32, 32)
    assert not torch.allclose(a(x)[-1][0], b(x)[-1][0])


@pytest.mark.parametrize('kw', [dict(patch_size=32), dict(input_resolution=100),
                                dict(layers=4, out_indices=(0, 1, 2, 4))])
def test_bad_config(kw):
    with pytest.raises(ValueError):
        CLIPVisionTransformer(**kw)
