# Copyright (c) mmcontrast contributors. All rights reserved.
"""CLIP's modified ResNet with attention pooling (host-neutral, root registry).

Architecture and parameter names follow OpenAI CLIP's ``ModifiedResNet`` and
DenseCLIP's ``CLIPResNetWithAttention`` (github openai/CLIP, raoyongming/
DenseCLIP, MIT), so ``visual.*`` weights of OpenAI/open_clip checkpoints load
after stripping ``visual.`` (see ``tools/model_converters/clip2mmcontrast.py``).
mmseg's ``ResNetV1c`` differs (stem widths, max-pool, no anti-aliasing, no
attention pool), hence this module. Registered in mmengine's root ``MODELS``, so
it builds from the mmseg scope (DenseCLIP/ICPC) and the mmpretrain scope
(CLIP4Cir's RN50x4: ``layers=(4, 6, 10, 6), width=80, output_dim=640,
input_resolution=288``) alike.
"""
from collections import OrderedDict
from typing import List, Optional, Sequence, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmengine.model import BaseModule
from mmengine.registry import MODELS
from torch import Tensor

from .norm import build_norm2d
from .pos_embed import resize_pos_embed_2d


class Bottleneck(nn.Module):
    """Anti-aliased bottleneck: an AvgPool(stride) follows conv2 when stride > 1."""

    expansion = 4

    def __init__(self, inplanes: int, planes: int, stride: int = 1,
                 norm_cfg: dict = dict(type='BN')) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 1, bias=False)
        self.bn1 = build_norm2d(norm_cfg, planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, padding=1, bias=False)
        self.bn2 = build_norm2d(norm_cfg, planes)
        self.avgpool = nn.AvgPool2d(stride) if stride > 1 else nn.Identity()
        self.conv3 = nn.Conv2d(planes, planes * self.expansion, 1, bias=False)
        self.bn3 = build_norm2d(norm_cfg, planes * self.expansion)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = None
        if stride > 1 or inplanes != planes * self.expansion:
            self.downsample = nn.Sequential(OrderedDict([
                ('-1', nn.AvgPool2d(stride)),
                ('0', nn.Conv2d(inplanes, planes * self.expansion, 1, bias=False)),
                ('1', build_norm2d(norm_cfg, planes * self.expansion)),
            ]))

    def forward(self, x: Tensor) -> Tensor:
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(self.avgpool(out)))
        return self.relu(out + identity)


class AttentionPool2d(nn.Module):
    """CLIP's QKV attention pool where every token is a query.

    Tokens are ``[spatial mean; HW spatial tokens]`` plus a positional
    embedding whose spatial part (stored for ``spacial_dim``²) is bilinearly
    resized to the input grid on every forward.

    Args:
        spacial_dim (int): Side of the stored positional grid.
        embed_dim (int): Input channels.
        num_heads (int): Heads.
        output_dim (int): Output embedding dim C.
    """

    def __init__(self, spacial_dim: int, embed_dim: int, num_heads: int,
                 output_dim: int) -> None:
        super().__init__()
        self.spacial_dim = spacial_dim
        self.positional_embedding = nn.Parameter(
            torch.randn(spacial_dim ** 2 + 1, embed_dim) / embed_dim ** 0.5)
        self.k_proj = nn.Linear(embed_dim, embed_dim)
        self.q_proj = nn.Linear(embed_dim, embed_dim)
        self.v_proj = nn.Linear(embed_dim, embed_dim)
        self.c_proj = nn.Linear(embed_dim, output_dim)
        self.num_heads = num_heads

    def forward(self, x: Tensor) -> Tuple[Tensor, Tensor]:
        """Args: x (B, D, H, W). Returns: global (B, C) and dense (B, C, H, W)."""
        B, D, H, W = x.shape
        x = x.reshape(B, D, H * W).permute(2, 0, 1)  # (HW, B, D)
        x = torch.cat([x.mean(dim=0, keepdim=True), x], dim=0)  # (1+HW, B, D)
        pos = self.positional_embedding.to(x.dtype)
        pos = torch.cat([pos[:1], resize_pos_embed_2d(pos[1:], self.spacial_dim, (H, W))])
        x = x + pos[:, None, :]
        x, _ = F.multi_head_attention_forward(
            query=x, key=x, value=x, embed_dim_to_check=D, num_heads=self.num_heads,
            q_proj_weight=self.q_proj.weight, k_proj_weight=self.k_proj.weight,
            v_proj_weight=self.v_proj.weight, in_proj_weight=None,
            in_proj_bias=torch.cat([self.q_proj.bias, self.k_proj.bias, self.v_proj.bias]),
            bias_k=None, bias_v=None, add_zero_attn=False, dropout_p=0.0,
            out_proj_weight=self.c_proj.weight, out_proj_bias=self.c_proj.bias,
            use_separate_proj_weight=True, training=self.training, need_weights=False)
        x = x.permute(1, 2, 0)  # (B, C, 1+HW)
        return x[:, :, 0], x[:, :, 1:].reshape(B, -1, H, W)


@MODELS.register_module()
class CLIPResNetWithAttention(BaseModule):
    """CLIP modified ResNet (Radford et al., "Learning Transferable Visual
    Models From Natural Language Supervision", ICML 2021) with its attention
    pool, for dense prediction as in DenseCLIP (Rao et al., CVPR 2022) and ICPC
    (arXiv 2308.07078), and for global embeddings (CLIP4Cir: ``outs[-1][0]``).

    OpenAI widths: RN50 ``layers=(3, 4, 6, 3), width=64, output_dim=1024``;
    RN101 ``(3, 4, 23, 3)``, 64, 512; RN50x4 ``(4, 6, 10, 6)``, 80, 640 (288 px);
    RN50x16 ``(6, 8, 18, 8)``, 96, 768 (384 px). ``heads`` defaults to
    ``width * 32 // 64`` as in CLIP.

    Args:
        layers (Sequence[int]): Blocks per stage; (3, 4, 6, 3) RN50,
            (3, 4, 23, 3) RN101.
        output_dim (int): Embedding dim C of the attention pool. Defaults to 1024.
        input_resolution (int): Training crop; the attention pool stores a
            ``(input_resolution / 32)``² positional grid (checkpoints with
            another grid are resized bilinearly at load). Defaults to 224.
        width (int): Stem width (the stem's first two convs have ``width // 2``
            channels). Defaults to 64.
        heads (int, optional): Attention-pool heads; ``width * 32 / 64`` when None.
        get_embeddings (bool): Build the attention pool and append
            ``[global (B, C), dense (B, C, H/32, W/32)]`` to the outputs
            (DenseCLIP); False gives the plain "CLIP + FPN" baseline.
            Defaults to True.
        norm_cfg (dict): Norm layers. Defaults to ``dict(type='BN')``.
        init_cfg (dict, optional): e.g. ``dict(type='Pretrained',
            checkpoint=..., prefix='backbone.')`` on a converted checkpoint.

    Returns (forward):
        tuple: stage maps (B, 4w, H/4, W/4), (B, 8w, H/8, W/8),
        (B, 16w, H/16, W/16), (B, 32w, H/32, W/32) and, with
        ``get_embeddings``, the list ``[global, dense]``.
    """

    def __init__(self,
                 layers: Sequence[int] = (3, 4, 6, 3),
                 output_dim: int = 1024,
                 input_resolution: int = 224,
                 width: int = 64,
                 heads: Optional[int] = None,
                 get_embeddings: bool = True,
                 norm_cfg: dict = dict(type='BN'),
                 init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        if len(layers) != 4:
            raise ValueError(f'layers must have 4 stage depths, got {layers}.')
        if input_resolution % 32 != 0:
            raise ValueError(f'input_resolution must be a multiple of 32, got {input_resolution}.')
        embed_dim = width * 32
        heads = heads if heads is not None else max(embed_dim // 64, 1)
        if embed_dim % heads != 0:
            raise ValueError(f'heads={heads} must divide width*32={embed_dim}.')
        self.output_dim = output_dim
        self.input_resolution = input_resolution
        self.get_embeddings = get_embeddings
        self.conv1 = nn.Conv2d(3, width // 2, 3, stride=2, padding=1, bias=False)
        self.bn1 = build_norm2d(norm_cfg, width // 2)
        self.conv2 = nn.Conv2d(width // 2, width // 2, 3, padding=1, bias=False)
        self.bn2 = build_norm2d(norm_cfg, width // 2)
        self.conv3 = nn.Conv2d(width // 2, width, 3, padding=1, bias=False)
        self.bn3 = build_norm2d(norm_cfg, width)
        self.avgpool = nn.AvgPool2d(2)
        self.relu = nn.ReLU(inplace=True)
        self._inplanes = width
        self.layer1 = self._make_layer(width, layers[0], 1, norm_cfg)
        self.layer2 = self._make_layer(width * 2, layers[1], 2, norm_cfg)
        self.layer3 = self._make_layer(width * 4, layers[2], 2, norm_cfg)
        self.layer4 = self._make_layer(width * 8, layers[3], 2, norm_cfg)
        self.out_channels = [width * 4, width * 8, width * 16, width * 32]
        if get_embeddings:
            self.attnpool = AttentionPool2d(input_resolution // 32, embed_dim, heads, output_dim)

    def _make_layer(self, planes: int, blocks: int, stride: int, norm_cfg: dict) -> nn.Sequential:
        mods = [Bottleneck(self._inplanes, planes, stride, norm_cfg)]
        self._inplanes = planes * Bottleneck.expansion
        mods += [Bottleneck(self._inplanes, planes, 1, norm_cfg) for _ in range(1, blocks)]
        return nn.Sequential(*mods)

    def _load_from_state_dict(self, state_dict, prefix, *args, **kwargs):
        """Resize a checkpoint's attention-pool grid (e.g. CLIP's 7x7) to ours."""
        key = prefix + 'attnpool.positional_embedding'
        if self.get_embeddings and key in state_dict:
            pos = state_dict[key]
            ours = self.attnpool.positional_embedding
            if pos.shape != ours.shape:
                src = int(round((pos.shape[0] - 1) ** 0.5))
                dst = self.attnpool.spacial_dim
                state_dict[key] = torch.cat(
                    [pos[:1], resize_pos_embed_2d(pos[1:].float(), src, (dst, dst)).to(pos.dtype)])
        super()._load_from_state_dict(state_dict, prefix, *args, **kwargs)

    def stem(self, x: Tensor) -> Tensor:
        for conv, bn in ((self.conv1, self.bn1), (self.conv2, self.bn2), (self.conv3, self.bn3)):
            x = self.relu(bn(conv(x)))
        return self.avgpool(x)

    def forward(self, x: Tensor) -> tuple:
        """Args: x (B, 3, H, W). Returns: see the class docstring."""
        x = self.stem(x)
        outs: List = []
        for layer in (self.layer1, self.layer2, self.layer3, self.layer4):
            x = layer(x)
            outs.append(x)
        if self.get_embeddings:
            outs.append(list(self.attnpool(x)))
        return tuple(outs)
