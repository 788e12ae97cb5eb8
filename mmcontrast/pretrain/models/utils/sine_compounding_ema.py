# Copyright (c) mmcontrast contributors. All rights reserved.
"""The official CLLD momentum rule for the target encoder (parity runs only)."""
import math
from typing import Optional

import torch
import torch.nn as nn
from mmengine.model import ExponentialMovingAverage
from mmpretrain.registry import MODELS


@MODELS.register_module()
class SineCompoundingEMA(ExponentialMovingAverage):
    r"""EMA whose keep-rate compounds towards 1 on every call, as official CLLD.

    CLLD's official code (github sabadijou/clld_official) updates the
    target-keep momentum ``m`` (paper convention, start 0.99) on every forward
    call ``k = 0, 1, 2, ...`` as ``m <- m + sin(pi/2 * k / length) * (1 - m)``
    and then averages ``avg <- m * avg + (1 - m) * src``. In float64, m reaches
    exactly 1.0 at k = 55, so the target freezes after ~28 iterations (two
    calls per iteration). Kept only to reproduce the official runs; the
    default CLLD recipe uses mmpretrain's ``CosineEMA``.

    mmengine's convention is ``avg <- (1 - momentum) * avg + momentum * src``,
    so ``momentum=0.01`` here is the official 0.99.

    Args:
        model (nn.Module): The online model to average.
        momentum (float): Start update rate (1 - m0). Defaults to 0.01.
        length (int): The denominator of the sine argument. Defaults to 100.
        interval (int): Update interval. Defaults to 1.
        device (torch.device, optional): Defaults to None.
        update_buffers (bool): Defaults to False.
    """

    def __init__(self,
                 model: nn.Module,
                 momentum: float = 0.01,
                 length: int = 100,
                 interval: int = 1,
                 device: Optional[torch.device] = None,
                 update_buffers: bool = False) -> None:
        if not 0 < momentum < 1:
            raise ValueError(f'momentum must lie in (0, 1), got {momentum!r}.')
        if length <= 0:
            raise ValueError(f'length must be > 0, got {length!r}.')
        super().__init__(model, momentum=momentum, interval=interval, device=device,
                         update_buffers=update_buffers)
        self.length = length
        # Target-keep momentum m (paper convention), float64, checkpointed.
        self.register_buffer('keep_momentum',
                             torch.tensor(1.0 - momentum, dtype=torch.float64, device=device))

    @staticmethod
    def next_keep(m: float, k: int, length: int) -> float:
        """One official momentum step: ``m + sin(pi/2 * k / length) * (1 - m)``."""
        return m + math.sin(math.pi / 2 * k / length) * (1.0 - m)

    def update_parameters(self, model: nn.Module) -> None:
        """Advance m with call index k = ``steps``, then average with it."""
        k = int(self.steps)
        self.keep_momentum.fill_(self.next_keep(float(self.keep_momentum), k, self.length))
        super().update_parameters(model)

    def avg_func(self, averaged_param: torch.Tensor, source_param: torch.Tensor,
                 steps: int) -> None:
        """``avg <- m * avg + (1 - m) * src`` with the current m."""
        m = float(self.keep_momentum)
        averaged_param.mul_(m).add_(source_param, alpha=1.0 - m)
