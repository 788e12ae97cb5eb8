# Copyright (c) mmcontrast contributors. All rights reserved.
"""The transformer layers of OpenAI CLIP, with OpenAI's parameter names.

Host-neutral (torch only). Written here rather than reusing mmcv/mmseg
transformer layers because the CLIP converters, DenseCLIP/ICPC and CLIP4Cir need
the exact OpenAI/open_clip state-dict keys
(``resblocks.{i}.attn.in_proj_weight``, ``ln_1``, ``mlp.c_fc`` ...), QuickGELU
and the pre-LN residual order of CLIP (adapted from github openai/CLIP and
raoyongming/DenseCLIP, both MIT licensed). Batch-first layout.
"""
from collections import OrderedDict
from typing import Optional

import torch
import torch.nn as nn
from torch import Tensor


class DropPath(nn.Module):
    """Stochastic depth per sample (Huang et al., ECCV 2016): drops the whole
    residual branch of a sample with probability ``drop_prob`` in training
    (mmcv's ``DropPath`` without the mmcv dependency).

    Args:
        drop_prob (float): Drop probability in [0, 1).
    """

    def __init__(self, drop_prob: float) -> None:
        super().__init__()
        if not 0 <= drop_prob < 1:
            raise ValueError(f'drop_prob must be in [0, 1), got {drop_prob}.')
        self.drop_prob = drop_prob

    def forward(self, x: Tensor) -> Tensor:
        """Args: x (N, ...). Returns: x with some samples zeroed, rescaled."""
        if not self.training or self.drop_prob == 0:
            return x
        keep = 1 - self.drop_prob  # same draws as mmcv's DropPath
        mask = (keep + torch.rand((x.shape[0], ) + (1, ) * (x.dim() - 1), dtype=x.dtype,
                                  device=x.device)).floor()
        return x.div(keep) * mask


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

