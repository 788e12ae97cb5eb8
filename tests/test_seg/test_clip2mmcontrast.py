# Copyright (c) mmcontrast contributors. All rights reserved.
"""Converter parity: open_clip (random weights) -> our CLIP image/text encoders."""
import importlib.util
import os.path as osp
import subprocess
import sys

import pytest
import torch

open_clip = pytest.importorskip('open_clip')
from open_clip.model import CLIP, CLIPTextCfg, CLIPVisionCfg  # noqa: E402

import mmcontrast.seg  # noqa: E402,F401
from mmcontrast.seg.models.backbones import (CLIPResNetWithAttention,  # noqa: E402
                                             CLIPVisionTransformer)
from mmcontrast.seg.models.vision_language import CLIPTextContextEncoder  # noqa: E402

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def _converter():
    path = osp.join(REPO, 'tools', 'model_converters', 'clip2mmcontrast.py')
    spec = importlib.util.spec_from_file_location('clip2mmcontrast', path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _split(sd, prefix):
    return {k[len(prefix):]: v for k, v in sd.items() if k.startswith(prefix)}


def _small_clip(vision: str, image_size: int):
    torch.manual_seed(0)
    if vision == 'rn':
        vcfg = CLIPVisionCfg(layers=[1, 1, 1, 1], width=8, image_size=image_size, head_width=64)
    else:
        vcfg = CLIPVisionCfg(layers=2, width=64, head_width=16, patch_size=16,
                             image_size=image_size)
    tcfg = CLIPTextCfg(context_length=77, vocab_size=49408, width=64, heads=4, layers=2)
    return CLIP(embed_dim=32, vision_cfg=vcfg, text_cfg=tcfg, quick_gelu=True).eval()


def _randomise_bn(model):
    """open_clip's BN starts at identity; give it non-trivial statistics."""
    g = torch.Generator().manual_seed(1)
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.running_mean.copy_(torch.randn(m.num_features, generator=g) * 0.1)
            m.running_var.copy_(torch.rand(m.num_features, generator=g) + 0.5)
            m.weight.data.copy_(torch.rand(m.num_features, generator=g) + 0.5)
            m.bias.data.copy_(torch.randn(m.num_features, generator=g) * 0.1)


def _check_text(ref, sd, width, heads, layers, embed_dim):
    from mmseg.utils import tokenize
    enc = CLIPTextContextEncoder(context_length=77, embed_dim=embed_dim, transformer_width=width,
                                 transformer_heads=heads, transformer_layers=layers).eval()
    enc.load_state_dict(_split(sd, 'text_encoder.'), strict=True)
    ids = tokenize(['sky', 'a photo of a building', 'potted plant, flowerpot'], context_length=77)
    with torch.no_grad():
        want = ref.encode_text(ids)
        got = enc(ids, None)[0]
    torch.testing.assert_close(got, want, atol=1e-5, rtol=0)


def test_resnet_and_text_parity_small():
    ref = _small_clip('rn', 64)
    _randomise_bn(ref)
    sd = _converter().convert_clip(ref.state_dict())
    bb = CLIPResNetWithAttention(layers=[1, 1, 1, 1], width=8, heads=4, output_dim=32,
                                 input_resolution=64).eval()
    bb.load_state_dict(_split(sd, 'backbone.'), strict=True)
    x = torch.randn(2, 3, 64, 64)
    with torch.no_grad():
        want = ref.encode_image(x)
        outs = bb(x)
    glob, dense = outs[-1]
    torch.testing.assert_close(glob, want, atol=1e-5, rtol=0)
    assert dense.shape == (2, 32, 2, 2)
    assert [o.shape[1] for o in outs[:4]] == [32, 64, 128, 256]
    _check_text(ref, sd, 64, 4, 2, 32)


def test_vit_parity_small():
    ref = _small_clip('vit', 64)
    sd = _converter().convert_clip(ref.state_dict())
    bb = CLIPVisionTransformer(input_resolution=64, patch_size=16, width=64, layers=2, heads=4,
                               output_dim=32, out_indices=(0, 1, 1, 1)).eval()
    missing, unexpected = bb.load_state_dict(_split(sd, 'backbone.'), strict=False)
    assert unexpected == [] and all(k.startswith('fpn') for k in missing)
    x = torch.randn(2, 3, 64, 64)
    with torch.no_grad():
        want = ref.encode_image(x)
        glob, dense = bb(x)[-1]
    torch.testing.assert_close(glob, want, atol=1e-5, rtol=0)
    assert dense.shape == (2, 32, 4, 4)


def test_positional_grid_resized_at_load():
    ref = _small_clip('rn', 64)  # 2x2 grid
    sd = _split(_converter().convert_clip(ref.state_dict()), 'backbone.')
    bb = CLIPResNetWithAttention(layers=[1, 1, 1, 1], width=8, heads=4, output_dim=32,
                                 input_resolution=128)  # 4x4 grid
    bb.load_state_dict(sd, strict=True)
    assert bb.attnpool.positional_embedding.shape == (17, 256)
    torch.testing.assert_close(bb.attnpool.positional_embedding[0],
                               sd['attnpool.positional_embedding'][0])
    enc = CLIPTextContextEncoder(context_length=13, embed_dim=32, transformer_width=64,
                                 transformer_heads=4, transformer_layers=2)
    tsd = _split(_converter().convert_clip(ref.state_dict()), 'text_encoder.')
    enc.load_state_dict(tsd, strict=True)
    torch.testing.assert_close(enc.positional_embedding, tsd['positional_embedding'][:13])


def test_cli_and_pretrained_init(tmp_path):
    from mmseg.registry import MODELS
    ref = _small_clip('rn', 64)
    src = tmp_path / 'small_clip.pt'
    torch.save(ref.state_dict(), src)
    dst = tmp_path / 'out' / 'conv.pth'
    subprocess.run([sys.executable, osp.join(REPO, 'tools/model_converters/clip2mmcontrast.py'),
                    str(src), str(dst)], check=True, cwd=REPO)
    bb = MODELS.build(dict(type='CLIPResNetWithAttention', layers=[1, 1, 1, 1], width=8, heads=4,
                           output_dim=32, input_resolution=64,
                           init_cfg=dict(type='Pretrained', checkpoint=str(dst),
                                         prefix='backbone.')))
    bb.init_weights()
    torch.testing.assert_close(bb.conv1.weight, ref.visual.conv1.weight)


def test_rejects_foreign_keys():
    with pytest.raises(ValueError):
        _converter().convert_clip({'visual.conv1.weight': torch.zeros(1),
                                   'head.fc': torch.zeros(1)})


@pytest.mark.slow
def test_full_rn50_parity():
    ref = open_clip.create_model('RN50-quickgelu', pretrained=None).eval()
    _randomise_bn(ref)
    sd = _converter().convert_clip(ref.state_dict())
    bb = CLIPResNetWithAttention(layers=[3, 4, 6, 3], output_dim=1024, input_resolution=224).eval()
    bb.load_state_dict(_split(sd, 'backbone.'), strict=True)
    x = torch.randn(1, 3, 224, 224)
    with torch.no_grad():
        torch.testing.assert_close(bb(x)[-1][0], ref.encode_image(x), atol=1e-5, rtol=0)
    _check_text(ref, sd, 512, 8, 12, 1024)
