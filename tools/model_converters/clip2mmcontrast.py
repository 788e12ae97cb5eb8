# Copyright (c) mmcontrast contributors. All rights reserved.
"""Convert an OpenAI CLIP or open_clip checkpoint into mmcontrast's CLIP modules.

Writes ``{'state_dict': {'backbone.*': ..., 'text_encoder.*': ...}, 'meta': ...}``:
``visual.*`` -> ``backbone.*`` (``CLIPResNetWithAttention`` / ``CLIPVisionTransformer``)
and the text tower (``token_embedding``, ``positional_embedding``, ``transformer``,
``ln_final``, ``text_projection``) -> ``text_encoder.*`` (``CLIPTextContextEncoder``).
Names are kept, shapes are not touched: the modules resize the attention-pool / ViT
positional grid to their input resolution and truncate the 77-token text positions to
their context length when the checkpoint is loaded (``init_cfg=dict(type='Pretrained',
checkpoint=..., prefix='backbone.')``, resp. ``prefix='text_encoder.'``).

Usage::

    python tools/model_converters/clip2mmcontrast.py RN50.pt pretrained/clip_rn50_mmcontrast.pth
    python tools/model_converters/clip2mmcontrast.py open_clip_model.bin out.pth

``RN50.pt`` is OpenAI's TorchScript archive (openaipublic.azureedge.net/clip/models/...);
open_clip ``.bin``/``.pt``/``.safetensors`` state dicts work as well.
"""
import argparse
import os
import os.path as osp
from typing import Dict

import torch

from mmcontrast.clip.convert import convert_clip  # noqa: F401  (re-exported)


def load_clip_state_dict(path: str) -> Dict[str, torch.Tensor]:
    """Read an OpenAI TorchScript archive or an (open_clip) state dict."""
    if path.endswith('.safetensors'):
        from safetensors.torch import load_file
        return load_file(path)
    try:
        sd = torch.jit.load(path, map_location='cpu').state_dict()
    except RuntimeError:
        sd = torch.load(path, map_location='cpu')
    for key in ('state_dict', 'model'):
        if isinstance(sd, dict) and key in sd and isinstance(sd[key], dict):
            sd = sd[key]
    return {k[len('module.'):] if k.startswith('module.') else k: v for k, v in sd.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('src', help='OpenAI CLIP .pt or open_clip state dict')
    parser.add_argument('dst', help='output .pth')
    args = parser.parse_args()
    sd = convert_clip(load_clip_state_dict(args.src))
    if osp.dirname(args.dst):
        os.makedirs(osp.dirname(args.dst), exist_ok=True)
    torch.save(dict(state_dict=sd, meta=dict(source=osp.basename(args.src),
                                             converter='clip2mmcontrast')), args.dst)
    n_b = sum(k.startswith('backbone.') for k in sd)
    print(f'Wrote {args.dst}: {n_b} backbone and {len(sd) - n_b} text_encoder tensors.')


if __name__ == '__main__':
    main()
