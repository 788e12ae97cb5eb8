# Copyright (c) mmcontrast contributors. All rights reserved.
"""DualMSCAN: shapes, embeddings, one checkpoint into both streams."""
import pytest
import torch
from mmseg.models.backbones import MSCAN

import mmcontrast.seg  # noqa: F401
from mmseg.registry import MODELS

TINY = dict(type='DualMSCAN', embed_dims=[16, 32, 64, 128], mlp_ratios=[4, 4, 4, 4],
            depths=[1, 1, 1, 1], drop_path_rate=0.0, proj_channels=32)


def test_shapes_at_paper_resolution():
    """MSCAN-B widths at 480x640 (one block per stage to stay fast)."""
    m = MODELS.build(dict(type='DualMSCAN', depths=[1, 1, 1, 1]))
    m.init_weights()
    m.train()
    with torch.no_grad():
        feats, (emb_rgb, emb_x) = m(torch.randn(2, 6, 480, 640), return_embeddings=True)
    assert [tuple(f.shape[1:]) for f in feats] == [(64, 120, 160), (128, 60, 80),
                                                   (320, 30, 40), (512, 15, 20)]
    assert emb_rgb.shape == emb_x.shape == (2, 256, 15, 20)


def test_plain_forward_and_errors():
    m = MODELS.build(TINY)
    m.init_weights()
    feats = m(torch.randn(1, 6, 64, 96))
    assert isinstance(feats, list) and len(feats) == 4
    with pytest.raises(ValueError):
        m(torch.randn(1, 3, 64, 96))
    m2 = MODELS.build(dict(TINY, with_projectors=False))
    with pytest.raises(ValueError):
        m2(torch.randn(1, 6, 64, 96), return_embeddings=True)
    with pytest.raises(ValueError):
        MODELS.build(dict(TINY, depths=[1, 1, 1]))
    with pytest.raises(ValueError):
        MODELS.build(dict(TINY, init_cfg=dict(type='Normal')))


def test_embeddings_come_from_pre_modulation_features():
    """Projected embeddings depend on each stream only (before the last exchange)."""
    m = MODELS.build(TINY)
    m.init_weights()
    m.eval()
    x = torch.randn(1, 6, 64, 96)
    with torch.no_grad():
        c_last = x[:, :3]
        xx = x[:, 3:]
        for i in range(4):
            c_last = m._stage(m.rgb, i, c_last)
            xx = m._stage(m.x, i, xx)
            if i < 3:
                c_last, xx = m.modulations[i](c_last, xx)
        _, (emb_rgb, emb_x) = m(x, return_embeddings=True)
    assert torch.allclose(emb_rgb, m.projector_rgb(c_last), atol=1e-5)
    assert torch.allclose(emb_x, m.projector_x(xx), atol=1e-5)


@pytest.mark.parametrize('prefix', ['', 'backbone.'])
def test_one_checkpoint_loads_into_both_streams(tmp_path, prefix):
    torch.manual_seed(0)
    src = MSCAN(embed_dims=[16, 32, 64, 128], mlp_ratios=[4, 4, 4, 4], depths=[1, 1, 1, 1],
                norm_cfg=dict(type='BN', requires_grad=True))
    for p in src.parameters():
        p.data.normal_()
    for name, buf in src.named_buffers():
        if 'running' in name:
            buf.data.uniform_(0.5, 1.5)
    state = {prefix + k: v for k, v in src.state_dict().items()}
    state[prefix + 'head.weight'] = torch.randn(10, 128)   # classifier keys are ignored
    if prefix:
        state['decode_head.conv_seg.weight'] = torch.randn(5, 64, 1, 1)  # segmentor ckpt
    ckpt = tmp_path / 'mscan.pth'
    torch.save({'state_dict': state}, ckpt)
    m = MODELS.build(dict(TINY, init_cfg=dict(type='Pretrained', checkpoint=str(ckpt))))
    m.init_weights()
    rgb, x = m.rgb.state_dict(), m.x.state_dict()
    assert rgb.keys() == x.keys() == src.state_dict().keys()
    for k, v in src.state_dict().items():
        assert torch.equal(rgb[k], v) and torch.equal(x[k], v), k
    # the new parts are freshly initialised, not taken from the checkpoint
    assert m.fusions[0].bias.abs().max().item() == 0
