# Copyright (c) mmcontrast contributors. All rights reserved.
"""Host-neutral CLIP (Radford et al., ICML 2021): image encoders, the text
encoder with its tokenizer, and the checkpoint converter.

Registered in mmengine's root ``MODELS``, so every host scope builds them
(mmseg: DenseCLIP/ICPC; mmpretrain: CLIP4Cir) with plain ``type=`` names:
``CLIPResNetWithAttention`` (modified ResNet + attention pool, RN50..RN50x16
widths), ``CLIPVisionTransformer`` and ``CLIPTextContextEncoder``. Imports
torch and mmengine only (the tokenizer reads the BPE vocabulary bundled with
open_clip or mmseg on first use).
"""
from .convert import convert_clip
from .modified_resnet import AttentionPool2d, Bottleneck, CLIPResNetWithAttention
from .pos_embed import resize_pos_embed_2d
from .text_encoder import CLIPTextContextEncoder
from .tokenizer import EOT_TOKEN, SOT_TOKEN, CLIPTokenizer
from .transformer import (CLIPTransformer, DropPath, LayerNormFp32, QuickGELU,
                          ResidualAttentionBlock, build_causal_mask)
from .vision_transformer import CLIPVisionTransformer

__all__ = [
    'AttentionPool2d', 'Bottleneck', 'CLIPResNetWithAttention', 'CLIPVisionTransformer',
    'CLIPTextContextEncoder', 'CLIPTokenizer', 'CLIPTransformer', 'DropPath', 'LayerNormFp32',
    'QuickGELU', 'ResidualAttentionBlock', 'build_causal_mask', 'convert_clip',
    'resize_pos_embed_2d', 'SOT_TOKEN', 'EOT_TOKEN'
]
