# Copyright (c) mmcontrast contributors. All rights reserved.
# CLIP's transformer layers moved to the host-neutral ``mmcontrast.clip``;
# re-exported here for existing imports.
from mmcontrast.clip import (CLIPTransformer, LayerNormFp32, QuickGELU, ResidualAttentionBlock,
                             build_causal_mask, resize_pos_embed_2d)

__all__ = ['CLIPTransformer', 'LayerNormFp32', 'QuickGELU', 'ResidualAttentionBlock',
           'build_causal_mask', 'resize_pos_embed_2d']
