# Copyright (c) mmcontrast contributors. All rights reserved.
"""SigNet, the convolutional Siamese branch of Dey et al. (2017).

"SigNet: Convolutional Siamese Network for Writer Independent Offline
Signature Verification", arXiv 1707.02131. Layer order of the public PyTorch
port ``VinhLoiIT/signet-pytorch`` (fpattack.md §2), whose indices the attack's
feature taps refer to (conv1..conv4 = layers 0, 4, 8, 9, before activation).
"""
from typing import Dict, Sequence, Tuple

import torch
import torch.nn as nn
from mmengine.model import BaseModule
from mmpretrain.registry import MODELS
from torch import Tensor

TAP_NAMES = ('conv1', 'conv2', 'conv3', 'conv4')


@MODELS.register_module()
class SigNet(BaseModule):
    """SigNet embedding network (input (B, 1, 155, 220), ink bright, in [0, 1]).

    Args:
        arch (str): ``'port'`` (default; one ReLU, after conv1, as the port
            whose weights exist) or ``'paper'`` (a ReLU after every conv and
            the first FC layer, as Dey et al.).
        in_size (tuple): (H, W) of the input; tests/tiny configs only.
            Defaults to (155, 220).
        width_mult (float): Channel multiplier; tests/tiny only. Defaults to 1.
        embed_dim (int): Output dimension. Defaults to 128.
        init_cfg (dict, optional): mmengine init config.
    """

    def __init__(self,
                 arch: str = 'port',
                 in_size: Tuple[int, int] = (155, 220),
                 width_mult: float = 1.0,
                 embed_dim: int = 128,
                 init_cfg=None) -> None:
        super().__init__(init_cfg)
        if arch not in ('port', 'paper'):
            raise ValueError(f"SigNet arch must be 'port' or 'paper', got {arch!r}.")
        self.arch = arch
        self.in_size = tuple(in_size)
        c1, c2, c3, c4 = (max(1, int(round(c * width_mult))) for c in (96, 256, 384, 256))
        fc = max(8, int(round(1024 * width_mult)))
        act = (lambda: nn.ReLU(inplace=False)) if arch == 'paper' else nn.Identity
        # indices 0..11 follow the port's nn.Sequential (paper ReLUs are inserted
        # as Identity-or-ReLU modules AFTER the tapped convs, so taps stay pre-activation)
        self.conv1 = nn.Conv2d(1, c1, 11)
        self.relu1 = nn.ReLU()
        self.lrn1 = nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75, k=2)
        self.pool1 = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(c1, c2, 5, padding=2)
        self.act2 = act()
        self.lrn2 = nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75, k=2)
        self.pool2 = nn.MaxPool2d(2, 2)
        self.drop2 = nn.Dropout2d(0.3)
        self.conv3 = nn.Conv2d(c2, c3, 3, padding=1)
        self.act3 = act()
        self.conv4 = nn.Conv2d(c3, c4, 3, padding=1)
        self.act4 = act()
        self.pool4 = nn.MaxPool2d(2, 2)
        self.drop4 = nn.Dropout2d(0.3)
        h, w = self.in_size
        h, w = (h - 10) // 2 // 2 // 2, (w - 10) // 2 // 2 // 2
        if h < 1 or w < 1:
            raise ValueError(f'SigNet in_size {in_size} is too small (needs >= 18).')
        self.fc1 = nn.Linear(c4 * h * w, fc)
        self.act_fc1 = act()
        # the port applies Dropout2d to the 2-D FC output (§7.6; no-op in eval)
        self.drop_fc1 = nn.Dropout2d(0.5)
        self.fc2 = nn.Linear(fc, embed_dim)

    def forward_taps(self, x: Tensor,
                     taps: Sequence[str] = ()) -> Tuple[Tensor, Dict[str, Tensor]]:
        """Embed and return the requested conv outputs (pre-activation).

        Args:
            x (Tensor): (B, 1, H, W) in [0, 1], ink bright.
            taps (Sequence[str]): subset of ``('conv1', ..., 'conv4')``.

        Returns:
            tuple: (B, embed_dim) embedding and ``{name: (B, C, h, w)}``.
        """
        bad = [t for t in taps if t not in TAP_NAMES]
        if bad:
            raise ValueError(f'SigNet taps must be in {TAP_NAMES}, got {bad}.')
        if x.dim() != 4 or x.shape[1] != 1 or tuple(x.shape[2:]) != self.in_size:
            raise ValueError(f'SigNet expects (B, 1, {self.in_size[0]}, {self.in_size[1]}) '
                             f'input, got {tuple(x.shape)}; set in_size or resize.')
        out = {}
        y = self.conv1(x)
        out['conv1'] = y
        y = self.pool1(self.lrn1(self.relu1(y)))
        y = self.conv2(y)
        out['conv2'] = y
        y = self.drop2(self.pool2(self.lrn2(self.act2(y))))
        y = self.conv3(y)
        out['conv3'] = y
        y = self.conv4(self.act3(y))
        out['conv4'] = y
        y = self.drop4(self.pool4(self.act4(y)))
        y = self.drop_fc1(self.act_fc1(self.fc1(torch.flatten(y, 1))))
        return self.fc2(y), {t: out[t] for t in taps}

    def forward(self, x: Tensor) -> Tensor:
        """(B, 1, H, W) -> (B, embed_dim)."""
        return self.forward_taps(x)[0]
