# Copyright (c) mmcontrast contributors. All rights reserved.
"""The official CLLD target encoder: a MomentumTeacher with the sine-compounding rule."""
from typing import Optional

import torch
import torch.nn as nn
from mmpretrain.registry import MODELS

from mmcontrast.contrastive.teacher import MomentumTeacher, SineCompoundingRule


@MODELS.register_module()
class SineCompoundingEMA(MomentumTeacher):
    r"""Target encoder of official CLLD (Zoljodi et al., arXiv 2308.08242).

    A :class:`~mmcontrast.contrastive.teacher.MomentumTeacher` preset with
    :class:`~mmcontrast.contrastive.teacher.SineCompoundingRule`: at every
    update ``k = 0, 1, 2, ...`` the target is averaged with the current
    keep-rate m, ``avg <- m * avg + (1 - m) * src``, and m then compounds,
    ``m <- m + sin(pi/2 * k / length) * (1 - m)`` (github
    sabadijou/clld_official). In float64 m reaches exactly 1.0 after
    k = 55, so with two updates per iteration the target freezes after ~28
    iterations. Kept only to reproduce the official runs (CLLD
    ``momentum_schedule='official'``); the default recipe uses
    :class:`~mmcontrast.contrastive.teacher.CosineEMARule`.

    Difference from the earlier mmcontrast version: m used to be advanced
    *before* averaging; the official code averages first (issue 11).

    Args:
        model (nn.Module): The online model to average.
        momentum (float): Start update rate ``1 - m0`` (0.01 is the official
            0.99). Defaults to 0.01.
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
        super().__init__(model, rule=SineCompoundingRule(momentum=momentum, length=length),
                         interval=interval, device=device, update_buffers=update_buffers)
        self._register_load_state_dict_pre_hook(self._upgrade_old_keys)

    @staticmethod
    def _upgrade_old_keys(state_dict: dict, prefix: str, *args, **kwargs) -> None:
        """Checkpoints of the earlier version kept m at ``<prefix>keep_momentum``."""
        old = prefix + 'keep_momentum'
        if old in state_dict:
            state_dict.setdefault(prefix + 'rule.keep_momentum', state_dict.pop(old))

    @property
    def keep_momentum(self) -> torch.Tensor:
        """The current keep-rate m (float64 buffer of the rule)."""
        return self.rule.keep_momentum

    next_keep = staticmethod(SineCompoundingRule.next_keep)
