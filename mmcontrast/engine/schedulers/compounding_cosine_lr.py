# Copyright (c) mmcontrast contributors. All rights reserved.
"""The official CLLD "cosine" learning-rate rule, which compounds every step."""
import math

from mmengine.optim.scheduler.lr_scheduler import LRSchedulerMixin
from mmengine.optim.scheduler.param_scheduler import INF, _ParamScheduler
from mmengine.registry import PARAM_SCHEDULERS


@PARAM_SCHEDULERS.register_module()
class CompoundingCosineParamScheduler(_ParamScheduler):
    r"""Multiply the current value by the cosine factor at every step.

    ``v_t = v_{t-1} * (1 + cos(pi * t / T_max)) / 2`` for t >= 1, so
    ``v_t = v_0 * prod_{s=1..t} (1 + cos(pi s / T_max)) / 2``. This is what
    CLLD's official code does once per epoch (github sabadijou/clld_official):
    the factor is applied to the already-decayed rate, giving multipliers
    0.909 / 0.489 / 0.092 / 0.0033 at epochs 10 / 20 / 30 / 40 of 100 — about
    35 effective epochs. Kept for parity runs; the default recipe uses a true
    ``CosineAnnealingLR``. mmengine has no such rule, hence this class.

    Args:
        optimizer: Wrapped optimizer.
        param_name (str): Parameter to schedule.
        T_max (int): Period of the cosine factor (the official epochs, 100).
        begin (int): First step. Defaults to 0.
        end (int): Last step (exclusive). Defaults to INF.
        last_step (int): Defaults to -1.
        by_epoch (bool): Step every epoch. Defaults to True.
        verbose (bool): Defaults to False.
    """

    def __init__(self, optimizer, param_name: str, T_max: int, begin: int = 0,
                 end: int = INF, last_step: int = -1, by_epoch: bool = True,
                 verbose: bool = False) -> None:
        if not isinstance(T_max, int) or T_max <= 0:
            raise ValueError(f'T_max must be a positive int, got {T_max!r}.')
        self.T_max = T_max
        super().__init__(optimizer, param_name=param_name, begin=begin, end=end,
                         last_step=last_step, by_epoch=by_epoch, verbose=verbose)

    def factor(self, step: int) -> float:
        """Cosine factor applied at ``step`` (relative to ``begin``)."""
        return 0.5 * (1 + math.cos(math.pi * step / self.T_max))

    def _get_value(self):
        """Compound the current values with the factor of this step."""
        t = self.last_step - self.begin
        if t == 0:
            return [g[self.param_name] for g in self.optimizer.param_groups]
        f = self.factor(t)
        return [g[self.param_name] * f for g in self.optimizer.param_groups]


@PARAM_SCHEDULERS.register_module()
class CompoundingCosineLR(LRSchedulerMixin, CompoundingCosineParamScheduler):
    """Learning-rate version of :class:`CompoundingCosineParamScheduler`
    (official CLLD schedule; Zoljodi et al., arXiv 2308.08242)."""
