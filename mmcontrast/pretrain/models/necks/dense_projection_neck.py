# Copyright (c) mmcontrast contributors. All rights reserved.
"""Dense (per-pixel) projection neck of PixPro / CLLD."""
from typing import Optional, Sequence, Tuple, Union

import torch
import torch.nn as nn
from mmcv.cnn import build_norm_layer
from mmengine.model import BaseModule
from mmpretrain.registry import MODELS


@MODELS.register_module()
class DenseProjectionNeck(BaseModule):
    """``Conv1x1 -> BN -> ReLU -> Conv1x1`` applied at every pixel, no pooling.

    The dense projector of PixPro (Xie et al., CVPR 2021) as used by CLLD
    (Zoljodi et al., arXiv 2308.08242). mmpretrain's ``NonLinearNeck`` pools
    and ``DenseCLNeck`` returns a pooled and a grid-pooled output, neither of
    which keeps the full map, hence this neck.

    Args:
        in_channels (int): Backbone channels (2048 for ResNet-50, 512 for
            ResNet-18/34).
        hid_channels (int): Hidden channels. Defaults to 2048.
        out_channels (int): Output channels. Defaults to 256.
        norm_cfg (dict): Norm of the hidden layer. Defaults to BN.
        init_cfg (dict | list[dict], optional): Defaults to Kaiming-normal
            (fan_out) on the convolutions, as the official code.
    """

    def __init__(self,
                 in_channels: int,
                 hid_channels: int = 2048,
                 out_channels: int = 256,
                 norm_cfg: dict = dict(type='BN'),
                 init_cfg: Optional[Union[dict, list]] = dict(
                     type='Kaiming', layer='Conv2d', mode='fan_out', nonlinearity='relu',
                     distribution='normal')) -> None:
        super().__init__(init_cfg)
        for name, v in (('in_channels', in_channels), ('hid_channels', hid_channels),
                        ('out_channels', out_channels)):
            if not isinstance(v, int) or v <= 0:
                raise ValueError(f'{name} must be a positive int, got {v!r}.')
        self.conv1 = nn.Conv2d(in_channels, hid_channels, 1, bias=True)
        self.bn1 = build_norm_layer(norm_cfg, hid_channels)[1]
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(hid_channels, out_channels, 1, bias=True)

    def forward(self, inputs: Sequence[torch.Tensor]) -> Tuple[torch.Tensor]:
        """Args: inputs (tuple[Tensor]): backbone outputs; the last (B, C_in, h, w) is used.

        Returns:
            tuple[Tensor]: ``(x,)`` with x (B, out_channels, h, w).
        """
        x = inputs[-1] if isinstance(inputs, (tuple, list)) else inputs
        return (self.conv2(self.relu(self.bn1(self.conv1(x)))), )
