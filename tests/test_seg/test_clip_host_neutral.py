# Copyright (c) mmcontrast contributors. All rights reserved.
"""mmcontrast.clip is host-neutral: it imports and builds with torch + mmengine while mmcv,
mmseg, mmdet and mmpretrain are unavailable, and its modules resolve from the root
registry (so both mmseg and mmpretrain scopes build them)."""
import os.path as osp
import subprocess
import sys

import pytest

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))

SCRIPT = r'''
import sys, types
for m in ('mmcv', 'mmseg', 'mmdet', 'mmpretrain'):
    sys.modules[m] = None  # "not installed"
# load mmcontrast/clip without running mmcontrast/__init__ (the core's business)
pkg = types.ModuleType('mmcontrast')
pkg.__path__ = [sys.argv[1] + '/mmcontrast']
sys.modules['mmcontrast'] = pkg
import torch
import mmcontrast.clip
from mmengine.registry import MODELS
enc = MODELS.build(dict(type='CLIPTextContextEncoder', context_length=77, embed_dim=8,
                        transformer_width=16, transformer_heads=2, transformer_layers=1))
rn = MODELS.build(dict(type='CLIPResNetWithAttention', layers=[1, 1, 1, 1], width=8, heads=4,
                       output_dim=8, input_resolution=64))
vit = MODELS.build(dict(type='CLIPVisionTransformer', input_resolution=32, width=16, layers=2,
                        heads=2, output_dim=8, out_indices=(0, 1, 1, 1)))
ids = enc.tokenize(['a photo of a dog'])
assert ids.shape == (1, 77) and int(ids[0, 0]) == 49406
with torch.no_grad():
    assert enc(ids).shape == (1, 1, 8)
    assert rn(torch.rand(1, 3, 64, 64))[-1][0].shape == (1, 8)
    assert vit(torch.rand(1, 3, 32, 32))[-1][0].shape == (1, 8)
bad = [m for m in sys.modules if m.split('.')[0] in ('mmcv', 'mmseg', 'mmdet', 'mmpretrain')
       and sys.modules[m] is not None]
assert not bad, bad
print('host-neutral ok')
'''


def test_clip_imports_and_builds_without_host_libraries():
    proc = subprocess.run([sys.executable, '-c', SCRIPT, REPO], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    assert 'host-neutral ok' in proc.stdout


def test_seg_scope_resolves_the_root_registered_clip_modules():
    import mmcontrast.clip as clip
    import mmcontrast.seg  # noqa: F401
    from mmengine.registry import DefaultScope
    from mmpretrain.registry import MODELS as PRETRAIN_MODELS
    from mmseg.registry import MODELS as SEG_MODELS
    for registry, scope in ((SEG_MODELS, 'mmseg'), (PRETRAIN_MODELS, 'mmpretrain')):
        with DefaultScope.overwrite_default_scope(scope):
            assert registry.get('CLIPResNetWithAttention') is clip.CLIPResNetWithAttention
            assert registry.get('CLIPVisionTransformer') is clip.CLIPVisionTransformer
            assert registry.get('CLIPTextContextEncoder') is clip.CLIPTextContextEncoder


def test_rn50x4_widths():
    """CLIP4Cir's RN50x4 layout (widths 80, 40 heads, 640-d output) builds; shapes of a
    one-block-per-stage version at 288 px (the full one is only shape-checked by width)."""
    import torch
    from mmcontrast.clip import CLIPResNetWithAttention
    m = CLIPResNetWithAttention(layers=(1, 1, 1, 1), width=80, output_dim=640,
                                input_resolution=288).eval()
    assert m.attnpool.num_heads == 40 and m.out_channels == [320, 640, 1280, 2560]
    with torch.no_grad():
        outs = m(torch.rand(1, 3, 288, 288))
    assert outs[-1][0].shape == (1, 640) and outs[-1][1].shape == (1, 640, 9, 9)


@pytest.mark.slow
def test_full_rn50x4_image_parity_with_open_clip():
    """RN50x4 (random weights) converted from open_clip gives open_clip's image embedding."""
    import torch
    open_clip = pytest.importorskip('open_clip')
    from mmcontrast.clip import CLIPResNetWithAttention, convert_clip
    ref = open_clip.create_model('RN50x4', pretrained=None).eval()
    sd = {k[len('backbone.'):]: v for k, v in convert_clip(ref.state_dict()).items()
          if k.startswith('backbone.')}
    m = CLIPResNetWithAttention(layers=(4, 6, 10, 6), width=80, output_dim=640,
                                input_resolution=288).eval()
    m.load_state_dict(sd, strict=True)
    x = torch.randn(1, 3, 288, 288)
    with torch.no_grad():
        torch.testing.assert_close(m(x)[-1][0], ref.encode_image(x), atol=1e-4, rtol=1e-4)
