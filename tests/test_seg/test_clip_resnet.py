# Copyright (c) mmcontrast contributors. All rights reserved.
"""CLIPResNetWithAttention: stage shapes, embeddings, positional resizing (parity with open_clip
is in test_clip2mmcontrast.py)."""
import pytest
import torch

import mmcontrast.seg  # noqa: F401
from mmcontrast.seg.models.backbones import CLIPResNetWithAttention


def test_outputs_and_any_input_size():
    m = CLIPResNetWithAttention(layers=[1, 1, 1, 1], width=8, heads=4, output_dim=16,
                                input_resolution=64).eval()
    outs = m(torch.randn(2, 3, 96, 64))
    shapes = [tuple(o.shape) for o in outs[:4]]
    assert shapes == [(2, 32, 24, 16), (2, 64, 12, 8), (2, 128, 6, 4), (2, 256, 3, 2)]
    glob, dense = outs[4]
    assert glob.shape == (2, 16) and dense.shape == (2, 16, 3, 2)


def test_without_embeddings_is_plain_four_stages():
    m = CLIPResNetWithAttention(layers=[1, 1, 1, 1], width=8, get_embeddings=False)
    assert not hasattr(m, 'attnpool')
    assert len(m(torch.randn(1, 3, 64, 64))) == 4


def test_openai_parameter_names():
    keys = CLIPResNetWithAttention(layers=[1, 2, 1, 1], width=8, heads=4).state_dict().keys()
    for k in ['conv1.weight', 'bn3.running_var', 'layer1.0.downsample.0.weight',
              'layer2.0.downsample.1.weight', 'attnpool.positional_embedding',
              'attnpool.q_proj.weight', 'attnpool.c_proj.bias']:
        assert k in keys


@pytest.mark.parametrize('kw', [dict(layers=[1, 1, 1]), dict(input_resolution=100),
                                dict(width=8, heads=3)])
def test_bad_config(kw):
    with pytest.raises(ValueError):
        CLIPResNetWithAttention(**kw)
