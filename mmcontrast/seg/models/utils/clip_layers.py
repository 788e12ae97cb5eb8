# Copyright (c) mmcontrast contributors. All rights reserved.
"""The transformer layers of OpenAI CLIP, with OpenAI's parameter names.

Written here rather than reusing mmcv/mmseg transformer layers because the
CLIP converters and DenseCLIP need the exact OpenAI/open_clip state-dict keys
(``resblocks.{i}.attn.in_proj_weight``, ``ln_1``, ``mlp.c_fc`` ...), QuickGELU
and the pre-LN residual order of CLIP (adapted from github openai/CLIP and
raoyongming/DenseCLIP, both MIT licensed). Batch-first layout.
"""
from collections import OrderedDict
from typing import Optional

import torch
import torch.nn as nn
from mmcv.cnn.bricks import DropPath
from torch import Tensor


class QuickGELU(nn.Module):
    """CLIP's ``x * sigmoid(1.702 x)`` activation."""

    def forward(self, x: Tensor) -> Tensor:
        return x * torch.sigmoid(1.702 * x)


class LayerNormFp32(nn.LayerNorm):
    """LayerNorm computed in fp32 (CLIP's ``LayerNorm``) and cast back."""

    def forward(self, x: Tensor) -> Tensor:
        return super().forward(x.float()).to(x.dtype)


class ResidualAttentionBlock(nn.Module):
    """Pre-LN block: ``x + attn(ln_1(x))``, ``x + mlp(ln_2(x))``.

    Args:
        width (int): Token dimension D.
        heads (int): Attention heads.
        drop_path (float): Stochastic depth rate (DenseCLIP's ViT). Defaults to 0.
    """

    def __init__(self, width: int, heads: int, drop_path: float = 0.0) -> None:
        super().__init__()
        self.attn = nn.MultiheadAttention(width, heads, batch_first=True)
        self.ln_1 = LayerNormFp32(width)
        self.mlp = nn.Sequential(OrderedDict([
            ('c_fc', nn.Linear(width, width * 4)),
            ('gelu', QuickGELU()),
            ('c_proj', nn.Linear(width * 4, width)),
        ]))
        self.ln_2 = LayerNormFp32(width)
        self.drop_path = DropPath(drop_path) if drop_path > 0 else nn.Identity()

    def forward(self, x: Tensor, attn_mask: Optional[Tensor] = None) -> Tensor:
        """Args: x (N, L, D); attn_mask (L, L) additive or None. Returns (N, L, D)."""
        y = self.ln_1(x)
        mask = None if attn_mask is None else attn_mask.to(y.dtype)
        x = x + self.drop_path(self.attn(y, y, y, need_weights=False, attn_mask=mask)[0])
        return x + self.drop_path(self.mlp(self.ln_2(x)))


class CLIPTransformer(nn.Module):
    """A stack of :class:`ResidualAttentionBlock` (``transformer.resblocks``).

    Args:
        width (int): Token dimension.
        layers (int): Number of blocks.
        heads (int): Attention heads.
        drop_path_rate (float): Linearly increasing stochastic depth. Defaults to 0.
    """

    def __init__(self, width: int, layers: int, heads: int,
                 drop_path_rate: float = 0.0) -> None:
        super().__init__()
        self.width = width
        self.layers = layers
        dpr = [float(x) for x in torch.linspace(0, drop_path_rate, layers)]
        self.resblocks = nn.ModuleList(
            [ResidualAttentionBlock(width, heads, dpr[i]) for i in range(layers)])

    def forward(self, x: Tensor, attn_mask: Optional[Tensor] = None) -> Tensor:
        for blk in self.resblocks:
            x = blk(x, attn_mask)
        return x


def build_causal_mask(length: int) -> Tensor:
    """(L, L) additive causal mask: ``-inf`` above the diagonal, 0 elsewhere."""
    return torch.full((length, length), float('-inf')).triu_(1)


def resize_pos_embed_2d(pos: Tensor, src: int, dst_hw) -> Tensor:
    """Bilinearly resize a (src*src, C) spatial positional grid to (h*w, C)."""
    h, w = int(dst_hw[0]), int(dst_hw[1])
    if (src, src) == (h, w):
        return pos
    C = pos.shape[-1]
    grid = pos.reshape(1, src, src, C).permute(0, 3, 1, 2)
    grid = torch.nn.functional.interpolate(grid, size=(h, w), mode='bilinear', align_corners=False)
    return grid.reshape(C, h * w).permute(1, 0)
