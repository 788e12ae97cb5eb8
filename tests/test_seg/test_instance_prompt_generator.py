# Copyright (c) mmcontrast contributors. All rights reserved.
"""InstancePromptGenerator (ICPC delta 1)."""
import pytest
import torch

import mmcontrast.seg  # noqa: F401
from mmcontrast.seg.models.vision_language import InstancePromptGenerator


@pytest.mark.parametrize('mode', ['shift', 'per_token', 'replace'])
@pytest.mark.parametrize('inp', ['global', 'dense_mean'])
def test_shapes_and_zero_init(mode, inp):
    g = InstancePromptGenerator(embed_dim=32, token_dim=8, num_contexts=3, reduction=4,
                                mode=mode, input=inp)
    g.init_weights()
    ctx = torch.randn(1, 3, 8)
    out = g(torch.randn(2, 32), torch.randn(2, 32, 4, 4), None if mode == 'replace' else ctx)
    assert out.shape == (2, 3, 8)
    want = torch.zeros(2, 3, 8) if mode == 'replace' else ctx.expand(2, -1, -1)
    torch.testing.assert_close(out, want)  # zero_init_last: prompts == shared contexts


def test_conditioned_on_image_after_update():
    torch.manual_seed(0)
    g = InstancePromptGenerator(embed_dim=32, token_dim=8, num_contexts=3, reduction=4)
    torch.nn.init.normal_(g.meta_net[-1].weight)
    ctx = torch.zeros(1, 3, 8)
    out = g(torch.randn(2, 32), torch.randn(2, 32, 2, 2), ctx)
    assert not torch.allclose(out[0], out[1])
    assert torch.allclose(out[0, 0], out[0, 1])  # 'shift': one shift for all tokens


def test_detach_input():
    g = InstancePromptGenerator(embed_dim=16, token_dim=4, num_contexts=2, reduction=4,
                                detach_input=True, zero_init_last=False)
    v = torch.randn(2, 16, requires_grad=True)
    g(v, torch.randn(2, 16, 1, 1), torch.zeros(1, 2, 4)).sum().backward()
    assert v.grad is None


@pytest.mark.parametrize('kw', [dict(mode='add'), dict(input='local'), dict(reduction=0)])
def test_bad_config(kw):
    with pytest.raises(ValueError):
        InstancePromptGenerator(**kw)
