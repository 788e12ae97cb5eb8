# Copyright (c) mmcontrast contributors. All rights reserved.
"""OpenAI CLIP encoders of CLIP4Cir: RN50x4 shapes and parity with open_clip weights."""
import pytest
import torch

import mmcontrast.pretrain  # noqa: F401  (registers OpenAICLIPEncoder)

RN50X4 = dict(
    type='OpenAICLIPEncoder',
    backbone=dict(type='CLIPResNetWithAttention', layers=(4, 6, 10, 6), width=80,
                  output_dim=640, input_resolution=288),
    text_encoder=dict(type='CLIPTextContextEncoder', context_length=77, transformer_width=640,
                      transformer_heads=10, transformer_layers=12, embed_dim=640))
TEXTS = ['is red and has long sleeves', 'make it black and white', '']


def _build(cfg):
    from mmengine.registry import init_default_scope
    init_default_scope('mmpretrain')
    from mmpretrain.registry import MODELS
    return MODELS.build(cfg).eval()


def _randomise_bn(model):
    g = torch.Generator().manual_seed(1)
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.running_mean.copy_(torch.randn(m.num_features, generator=g) * 0.1)
            m.running_var.copy_(torch.rand(m.num_features, generator=g) + 0.5)


def _parity(ref, enc, size):
    _randomise_bn(ref)
    enc.load_openai_state_dict(ref.state_dict(), strict=True)
    x = torch.randn(2, 3, size, size)
    ids = enc.tokenize(TEXTS)
    with torch.no_grad():
        torch.testing.assert_close(enc.encode_image(x), ref.encode_image(x), atol=1e-5,
                                   rtol=0)
        torch.testing.assert_close(enc.encode_text(ids), ref.encode_text(ids), atol=1e-5,
                                   rtol=0)


def test_small_openai_state_dict_parity_and_checkpointing():
    open_clip = pytest.importorskip('open_clip')
    from open_clip.model import CLIP, CLIPTextCfg, CLIPVisionCfg
    torch.manual_seed(0)
    ref = CLIP(embed_dim=32,
               vision_cfg=CLIPVisionCfg(layers=[1, 1, 1, 1], width=8, image_size=64,
                                        head_width=64),
               text_cfg=CLIPTextCfg(context_length=77, width=64, heads=4, layers=2),
               quick_gelu=True).eval()
    cfg = dict(type='OpenAICLIPEncoder',
               backbone=dict(type='CLIPResNetWithAttention', layers=(1, 1, 1, 1), width=8,
                             heads=4, output_dim=32, input_resolution=64),
               text_encoder=dict(type='CLIPTextContextEncoder', context_length=77,
                                 transformer_width=64, transformer_heads=4,
                                 transformer_layers=2, embed_dim=32))
    enc = _build(cfg)
    _parity(ref, enc, 64)
    # gradient checkpointing gives the same features and gradients
    cp = _build(dict(cfg, with_cp=True))
    cp.load_state_dict(enc.state_dict())
    x = torch.randn(2, 3, 64, 64)
    for m in (enc, cp):
        m.zero_grad()
        m.encode_image(x).sum().backward()
    torch.testing.assert_close(cp.encode_image(x), enc.encode_image(x))
    torch.testing.assert_close(cp.backbone.conv1.weight.grad, enc.backbone.conv1.weight.grad)


def test_rn50x4_random_weights_640d_at_288():
    enc = _build(RN50X4)
    with torch.no_grad():
        img = enc.encode_image(torch.randn(1, 3, 288, 288))
        txt = enc.encode_text(enc.tokenize(TEXTS))
    assert img.shape == (1, 640) and txt.shape == (3, 640)
    assert torch.isfinite(img).all() and torch.isfinite(txt).all()


@pytest.mark.slow
def test_rn50x4_open_clip_parity():
    open_clip = pytest.importorskip('open_clip')
    torch.manual_seed(0)
    # OpenAI's CLIP uses QuickGELU (open_clip's plain 'RN50x4' config builds nn.GELU)
    ref = open_clip.create_model('RN50x4', pretrained=None, force_quick_gelu=True).eval()
    _parity(ref, _build(RN50X4), 288)
