# Copyright (c) mmcontrast contributors. All rights reserved.
"""OpenAI CLIP / open_clip state dicts -> mmcontrast's CLIP modules.

``visual.*`` -> ``backbone.*`` (:class:`CLIPResNetWithAttention` /
:class:`CLIPVisionTransformer`) and the text tower (``token_embedding``,
``positional_embedding``, ``transformer``, ``ln_final``, ``text_projection``)
-> ``text_encoder.*`` (:class:`CLIPTextContextEncoder`). Names are kept and
shapes untouched: the modules resize positional grids / truncate the 77 text
positions when the checkpoint is loaded. Used by
``tools/model_converters/clip2mmcontrast.py``.
"""
from collections import OrderedDict
from typing import Dict

import torch

TEXT_KEYS = ('token_embedding.', 'positional_embedding', 'transformer.', 'ln_final.',
             'text_projection')
DROP_KEYS = ('logit_scale', 'logit_bias', 'attn_mask', 'input_resolution', 'context_length',
             'vocab_size')


def convert_clip(state_dict: Dict[str, torch.Tensor]) -> 'OrderedDict[str, torch.Tensor]':
    """Map CLIP keys onto ``backbone.*`` / ``text_encoder.*``.

    Args:
        state_dict (dict): OpenAI/open_clip CLIP state dict.

    Returns:
        OrderedDict: Converted float32 tensors.

    Raises:
        ValueError: On keys of neither tower (nothing is dropped silently except
            ``logit_scale``-style scalars and the causal-mask buffer).
    """
    out = OrderedDict()
    unknown = []
    for k, v in state_dict.items():
        if k.split('.')[0] in DROP_KEYS:
            continue
        v = v.detach().clone()
        v = v.float() if v.is_floating_point() else v
        if k.startswith('visual.'):
            out['backbone.' + k[len('visual.'):]] = v
        elif k == 'text_projection.weight':  # open_clip variants with an nn.Linear projection
            out['text_encoder.text_projection'] = v.t().contiguous()
        elif k.startswith(TEXT_KEYS):
            if k == 'text_projection.bias':
                raise ValueError('text_projection has a bias; CLIPTextContextEncoder has none.')
            out['text_encoder.' + k] = v
        else:
            unknown.append(k)
    if unknown:
        raise ValueError(f'Unexpected CLIP keys (not a CLIP checkpoint?): {unknown[:10]}')
    if not any(k.startswith('backbone.') for k in out) or \
            not any(k.startswith('text_encoder.') for k in out):
        raise ValueError('The checkpoint lacks the visual or the text tower.')
    return out
