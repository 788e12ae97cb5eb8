# Copyright (c) mmcontrast contributors. All rights reserved.
"""Cross-modal feature rectification between two feature streams."""
import math

import torch
import torch.nn as nn
from mmengine.model import BaseModule
from mmseg.registry import MODELS
from torch import Tensor


def conv_fan_out_init(module: nn.Module) -> None:
    """Initialise every Conv2d of ``module`` with N(0, sqrt(2 / fan_out)), bias 0.

    The initialisation of the interaction, fusion and projector convolutions
    in the official SMMCL/CMX code.
    """
    for m in module.modules():
        if isinstance(m, nn.Conv2d):
            fan_out = m.kernel_size[0] * m.kernel_size[1] * m.out_channels // m.groups
            nn.init.normal_(m.weight, 0.0, math.sqrt(2.0 / fan_out))
            if m.bias is not None:
                nn.init.zeros_(m.bias)


def _mlp(in_channels: int, hidden: int, out_channels: int) -> nn.Sequential:
    """Conv1x1 -> GELU -> Conv1x1 -> GELU -> Conv1x1 (biases on)."""
    return nn.Sequential(
        nn.Conv2d(in_channels, hidden, 1), nn.GELU(),
        nn.Conv2d(hidden, hidden, 1), nn.GELU(),
        nn.Conv2d(hidden, out_channels, 1))


@MODELS.register_module()
class CrossModulation(BaseModule):
    """Spatial + channel cross-modulation of two modalities (SMMCL / CMX style).

    From "Understanding Dark Scenes by Contrasting Multi-Modal Observations"
    (Dong & Yokoya, WACV 2024, https://arxiv.org/abs/2308.12320), which
    follows the cross-modal feature rectification of CMX
    (https://arxiv.org/abs/2203.04838). With ``z = cat(c, x)``::

        S  = sigmoid(MLP_s(z))                                  # (B, 1, h, w)
        Cc = sigmoid(MLP_c(cat(avgpool(z), maxpool(z))))        # (B, d, 1, 1)
        c' = c + w_s * x * S + w_c * x * Cc
        x' = x + w_s * c * S + w_c * c * Cc

    Args:
        channels (int): Channels ``d`` of each modality.
        spatial_weight (float): ``w_s``. Defaults to 0.5.
        channel_weight (float): ``w_c``. Defaults to 0.5.
        init_cfg (dict, optional): mmengine init config. Defaults to None,
            which uses N(0, sqrt(2 / fan_out)) conv weights and zero biases.
    """

    def __init__(self, channels: int, spatial_weight: float = 0.5,
                 channel_weight: float = 0.5, init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        if channels < 1:
            raise ValueError(f'channels must be >= 1, got {channels}')
        self.channels = channels
        self.spatial_weight = spatial_weight
        self.channel_weight = channel_weight
        self.spatial_mlp = _mlp(2 * channels, 2 * channels, 1)
        self.channel_mlp = _mlp(4 * channels, 4 * channels, channels)

    def init_weights(self) -> None:
        """Fan-out normal init of the convs unless ``init_cfg`` is given."""
        if self.init_cfg is None:
            conv_fan_out_init(self)
        else:
            super().init_weights()

    def forward(self, c: Tensor, x: Tensor) -> tuple:
        """Modulate each stream with the other one.

        Args:
            c (Tensor): (B, d, h, w) RGB features.
            x (Tensor): (B, d, h, w) X (depth/thermal) features.

        Returns:
            tuple[Tensor, Tensor]: ``(c', x')``, each (B, d, h, w).
        """
        z = torch.cat([c, x], dim=1)                                  # (B,2d,h,w)
        spatial = torch.sigmoid(self.spatial_mlp(z))                  # (B,1,h,w)
        pooled = torch.cat([z.mean((2, 3), keepdim=True),
                            z.amax((2, 3), keepdim=True)], dim=1)     # (B,4d,1,1)
        channel = torch.sigmoid(self.channel_mlp(pooled))             # (B,d,1,1)
        gate_s = self.spatial_weight * spatial
        gate_c = self.channel_weight * channel
        c_out = c + x * gate_s + x * gate_c
        x_out = x + c * gate_s + c * gate_c
        return c_out, x_out
