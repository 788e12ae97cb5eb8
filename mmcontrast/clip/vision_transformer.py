# Copyright (c) mmcontrast contributors. All rights reserved.
"""CLIP's ViT with dense embeddings (DenseCLIP), host-neutral, root registry.

Parameter names follow OpenAI CLIP's ``VisionTransformer`` (``conv1``,
``class_embedding``, ``positional_embedding``, ``ln_pre``, ``transformer``,
``ln_post``, ``proj``) so converted ``visual.*`` weights load directly;
the multi-level necks ``fpn1..fpn4`` follow DenseCLIP (github raoyongming/
DenseCLIP, MIT) with ``norm_cfg`` in place of its hard-coded SyncBN.
"""
from typing import Sequence

import torch
import torch.nn as nn
from mmengine.model import BaseModule
from mmengine.registry import MODELS
from torch import Tensor

from .norm import build_norm2d
from .pos_embed import resize_pos_embed_2d
from .transformer import CLIPTransformer, LayerNormFp32


@MODELS.register_module()
class CLIPVisionTransformer(BaseModule):
    """CLIP ViT (Radford et al., "Learning Transferable Visual Models From
    Natural Language Supervision", ICML 2021) for dense prediction, as in
    DenseCLIP (Rao et al., CVPR 2022) and ICPC (arXiv 2308.07078).

    Args:
        input_resolution (int): Training crop; the positional grid is stored
            for ``input_resolution / patch_size``² (resized at load and, to the
            actual grid, on every forward). Defaults to 224.
        patch_size (int): 16 (fpn1..fpn4 to strides 4/8/16/32) or 8. Defaults to 16.
        width (int): Token dim. Defaults to 768.
        layers (int): Blocks. Defaults to 12.
        heads (int): Heads. Defaults to 12.
        output_dim (int): Embedding dim C of ``proj``. Defaults to 512.
        drop_path_rate (float): Stochastic depth. Defaults to 0.
        out_indices (Sequence[int]): Blocks tapped. Defaults to (3, 5, 7, 11).
        get_embeddings (bool): Append ``[global (B, C), dense (B, C, H/p, W/p)]``
            computed by ``ln_post`` and ``proj``. Defaults to True.
        norm_cfg (dict): Norm between fpn1's transposed convs. Defaults to BN.
        cls_embed_twice (bool): DenseCLIP's code adds ``class_embedding`` to the
            class token twice (token + positional); CLIP adds it once. False
            (CLIP) keeps parity with open_clip. Defaults to False.
        init_cfg (dict, optional): Pretrained init on a converted checkpoint.
    """

    def __init__(self,
                 input_resolution: int = 224,
                 patch_size: int = 16,
                 width: int = 768,
                 layers: int = 12,
                 heads: int = 12,
                 output_dim: int = 512,
                 drop_path_rate: float = 0.0,
                 out_indices: Sequence[int] = (3, 5, 7, 11),
                 get_embeddings: bool = True,
                 norm_cfg: dict = dict(type='BN'),
                 cls_embed_twice: bool = False,
                 init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        if patch_size not in (8, 16):
            raise ValueError(f'patch_size must be 8 or 16, got {patch_size}.')
        if input_resolution % patch_size != 0:
            raise ValueError(f'input_resolution={input_resolution} must be a multiple of '
                             f'patch_size={patch_size}.')
        if len(out_indices) != 4 or max(out_indices) >= layers:
            raise ValueError(
                f'out_indices must be 4 block ids < layers={layers}, got {out_indices}.')
        self.input_resolution = input_resolution
        self.patch_size = patch_size
        self.spatial_size = input_resolution // patch_size
        self.output_dim = output_dim
        self.out_indices = tuple(out_indices)
        self.get_embeddings = get_embeddings
        self.cls_embed_twice = cls_embed_twice
        scale = width ** -0.5
        self.conv1 = nn.Conv2d(3, width, patch_size, patch_size, bias=False)
        self.class_embedding = nn.Parameter(scale * torch.randn(width))
        self.positional_embedding = nn.Parameter(
            scale * torch.randn(self.spatial_size ** 2 + 1, width))
        self.ln_pre = LayerNormFp32(width)
        self.transformer = CLIPTransformer(width, layers, heads, drop_path_rate)
        if get_embeddings:
            self.ln_post = LayerNormFp32(width)
            self.proj = nn.Parameter(scale * torch.randn(width, output_dim))
        d = width
        if patch_size == 16:
            self.fpn1 = nn.Sequential(
                nn.GroupNorm(1, d), nn.ConvTranspose2d(d, d, 2, 2),
                build_norm2d(norm_cfg, d), nn.GELU(), nn.ConvTranspose2d(d, d, 2, 2))
            self.fpn2 = nn.Sequential(nn.GroupNorm(1, d), nn.ConvTranspose2d(d, d, 2, 2))
            self.fpn3 = nn.GroupNorm(1, d)
            self.fpn4 = nn.Sequential(nn.GroupNorm(1, d), nn.MaxPool2d(2, 2))
        else:
            self.fpn1 = nn.Sequential(nn.GroupNorm(1, d), nn.ConvTranspose2d(d, d, 2, 2))
            self.fpn2 = nn.GroupNorm(1, d)
            self.fpn3 = nn.Sequential(nn.GroupNorm(1, d), nn.MaxPool2d(2, 2))
            self.fpn4 = nn.Sequential(nn.GroupNorm(1, d), nn.MaxPool2d(4, 4))
        self.out_channels = [d] * 4

    def _load_from_state_dict(self, state_dict, prefix, *args, **kwargs):
        """Resize a checkpoint's positional grid (e.g. CLIP's 14x14) to ours."""
        key = prefix + 'positional_embedding'
        if key in state_dict and state_dict[key].shape != self.positional_embedding.shape:
            pos = state_dict[key]
            src = int(round((pos.shape[0] - 1) ** 0.5))
            state_dict[key] = torch.cat([pos[:1], resize_pos_embed_2d(
                pos[1:].float(), src, (self.spatial_size, ) * 2).to(pos.dtype)])
        super()._load_from_state_dict(state_dict, prefix, *args, **kwargs)

    def forward(self, x: Tensor) -> tuple:
        """Args: x (B, 3, H, W). Returns: 4 maps (B, width, H/4..H/32, ...) and,
        with ``get_embeddings``, ``[global (B, C), dense (B, C, H/p, W/p)]``."""
        x = self.conv1(x)
        B, D, H, W = x.shape
        x = x.reshape(B, D, H * W).permute(0, 2, 1)  # (B, HW, D)
        cls = self.class_embedding.to(x.dtype).expand(B, 1, D)
        x = torch.cat([cls, x], dim=1)
        pos = self.positional_embedding.to(x.dtype)
        cls_pos = pos[:1] + (self.class_embedding.to(x.dtype) if self.cls_embed_twice else 0)
        pos = torch.cat([cls_pos, resize_pos_embed_2d(pos[1:], self.spatial_size, (H, W))])
        x = self.ln_pre(x + pos[None])
        feats = []
        for i, blk in enumerate(self.transformer.resblocks):
            x = blk(x)
            if i in self.out_indices:
                feats.append(x[:, 1:].permute(0, 2, 1).reshape(B, D, H, W).contiguous())
        outs = [op(f) for op, f in zip((self.fpn1, self.fpn2, self.fpn3, self.fpn4), feats)]
        if self.get_embeddings:
            x = self.ln_post(x) @ self.proj  # (B, 1+HW, C)
            outs.append([x[:, 0], x[:, 1:].reshape(B, H, W, -1).permute(0, 3, 1, 2)])
        return tuple(outs)
