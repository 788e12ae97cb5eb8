# Copyright (c) mmcontrast contributors. All rights reserved.
"""PixPro's pixel propagation module (PPM)."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from mmengine.model import BaseModule
from mmpretrain.registry import MODELS


@MODELS.register_module()
class PixelPropagation(BaseModule):
    """Pixel propagation: every pixel becomes a similarity-weighted sum of transformed pixels.

    Xie et al., "Propagate Yourself", CVPR 2021; CLLD (Zoljodi et al., arXiv
    2308.08242) uses it on the online branch:
    ``sim[b, i, j] = relu(cos(x_i, x_j)) ** gamma`` and
    ``y_i = sum_j sim[b, i, j] * (W x_j + b)`` with ``W`` a single 1x1 conv and
    no row normalisation.

    Args:
        channels (int): Feature channels C. Defaults to 256.
        gamma (float): Sharpness exponent γ. Defaults to 2.0.
        init_cfg (dict, optional): Initialisation config. Defaults to None.
    """

    def __init__(self, channels: int = 256, gamma: float = 2.0, init_cfg=None) -> None:
        super().__init__(init_cfg)
        if not isinstance(channels, int) or channels <= 0:
            raise ValueError(f'channels must be a positive int, got {channels!r}.')
        if gamma <= 0:
            raise ValueError(f'gamma must be > 0, got {gamma!r}.')
        self.gamma = gamma
        self.transform = nn.Conv2d(channels, channels, 1, bias=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Args: x (Tensor): (B, C, h, w). Returns: (B, C, h, w) propagated features."""
        B, C, h, w = x.shape
        xf = x if x.dtype == torch.float64 else x.float()
        xn = F.normalize(xf.flatten(2), dim=1)                    # (B, C, N)
        sim = torch.relu(xn.transpose(1, 2) @ xn).pow(self.gamma)  # (B, N, N)
        tx = self.transform(x).flatten(2).to(sim.dtype)            # (B, C, N)
        y = torch.einsum('bij,bcj->bci', sim, tx)
        return y.reshape(B, C, h, w).to(x.dtype)
