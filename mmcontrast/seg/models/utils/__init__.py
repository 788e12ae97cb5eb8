# Copyright (c) mmcontrast contributors. All rights reserved.
from .clip_layers import (CLIPTransformer, LayerNormFp32, QuickGELU, ResidualAttentionBlock,
                          build_causal_mask, resize_pos_embed_2d)

__all__ = ['CLIPTransformer', 'LayerNormFp32', 'QuickGELU', 'ResidualAttentionBlock',
           'build_causal_mask', 'resize_pos_embed_2d']
