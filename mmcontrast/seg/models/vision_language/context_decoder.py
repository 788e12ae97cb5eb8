# Copyright (c) mmcontrast contributors. All rights reserved.
"""DenseCLIP's context decoder: text embeddings attend to the image."""
import torch
import torch.nn as nn
from mmengine.model import BaseModule
from mmseg.registry import MODELS
from torch import Tensor


class _Attention(nn.Module):
    """Multi-head attention with bias-free q/k/v and a biased, dropped-out
    output projection (DenseCLIP's ``Attention``; mmcv's attention has other
    parameter names and a fused in-projection, so DenseCLIP weights would not
    map onto it)."""

    def __init__(self, dim: int, num_heads: int, proj_drop: float = 0.0) -> None:
        super().__init__()
        self.num_heads = num_heads
        self.scale = (dim // num_heads) ** -0.5
        self.q_proj = nn.Linear(dim, dim, bias=False)
        self.k_proj = nn.Linear(dim, dim, bias=False)
        self.v_proj = nn.Linear(dim, dim, bias=False)
        self.proj = nn.Linear(dim, dim)
        self.proj_drop = nn.Dropout(proj_drop)

    def forward(self, q: Tensor, k: Tensor, v: Tensor) -> Tensor:
        """q (B, N, D); k, v (B, M, D) -> (B, N, D)."""
        B, N, D = q.shape
        M, h = k.shape[1], self.num_heads
        q = self.q_proj(q).reshape(B, N, h, D // h)
        k = self.k_proj(k).reshape(B, M, h, D // h)
        v = self.v_proj(v).reshape(B, M, h, D // h)
        attn = (torch.einsum('bnkc,bmkc->bknm', q, k) * self.scale).softmax(dim=-1)
        x = torch.einsum('bknm,bmkc->bnkc', attn, v).reshape(B, N, D)
        return self.proj_drop(self.proj(x))


class _DecoderLayer(nn.Module):
    """Pre-LN self-attention, cross-attention to the memory, and MLP."""

    def __init__(self, d_model: int, nhead: int, dropout: float = 0.1) -> None:
        super().__init__()
        self.self_attn = _Attention(d_model, nhead, proj_drop=dropout)
        self.cross_attn = _Attention(d_model, nhead, proj_drop=dropout)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)
        self.norm3 = nn.LayerNorm(d_model)
        self.dropout = nn.Dropout(dropout)
        self.mlp = nn.Sequential(nn.Linear(d_model, d_model * 4), nn.GELU(), nn.Dropout(dropout),
                                 nn.Linear(d_model * 4, d_model))

    def forward(self, x: Tensor, mem: Tensor) -> Tensor:
        y = self.norm1(x)
        x = x + self.self_attn(y, y, y)
        x = x + self.cross_attn(self.norm2(x), mem, mem)
        return x + self.dropout(self.mlp(self.norm3(x)))


@MODELS.register_module()
class ContextDecoder(BaseModule):
    """Post-model prompting of DenseCLIP (Rao et al., CVPR 2022): a small
    transformer decoder whose queries are the K text embeddings and whose
    memory is the image's ``[global; dense]`` tokens. The caller adds its
    output, scaled by a learnable ``gamma``, to the text embeddings.

    Args:
        visual_dim (int): CLIP embedding dim C. Defaults to 1024.
        transformer_width (int): Decoder width. Defaults to 256.
        transformer_heads (int): Heads. Defaults to 4.
        transformer_layers (int): Layers. Defaults to 3 (DenseCLIP configs).
        dropout (float): Dropout. Defaults to 0.1.
        init_cfg (dict, optional): Initialisation config.
    """

    def __init__(self, visual_dim: int = 1024, transformer_width: int = 256,
                 transformer_heads: int = 4, transformer_layers: int = 3,
                 dropout: float = 0.1, init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        if transformer_width % transformer_heads != 0:
            raise ValueError(f'transformer_heads={transformer_heads} must divide '
                             f'transformer_width={transformer_width}.')
        self.memory_proj = nn.Sequential(nn.LayerNorm(visual_dim),
                                         nn.Linear(visual_dim, transformer_width),
                                         nn.LayerNorm(transformer_width))
        self.text_proj = nn.Sequential(nn.LayerNorm(visual_dim),
                                       nn.Linear(visual_dim, transformer_width))
        self.decoder = nn.ModuleList([
            _DecoderLayer(transformer_width, transformer_heads, dropout)
            for _ in range(transformer_layers)])
        self.out_proj = nn.Sequential(nn.LayerNorm(transformer_width),
                                      nn.Linear(transformer_width, visual_dim))
        self.apply(self._init)

    @staticmethod
    def _init(m: nn.Module) -> None:
        if isinstance(m, nn.Linear):
            nn.init.trunc_normal_(m.weight, std=0.02)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.LayerNorm):
            nn.init.zeros_(m.bias)
            nn.init.ones_(m.weight)

    def forward(self, text: Tensor, visual: Tensor) -> Tensor:
        """Args: text (B, K, C); visual (B, 1+HW, C) memory.
        Returns: (B, K, C) text update (before ``gamma``)."""
        mem = self.memory_proj(visual)
        x = self.text_proj(text)
        for layer in self.decoder:
            x = layer(x, mem)
        return self.out_proj(x)
