# Copyright (c) mmcontrast contributors. All rights reserved.
"""A momentum teacher: one mmengine averaged model with pluggable update rules.

Momentum (key / target) encoders in MoCo, BYOL, CoNe, CLLD and CTP differ only
in *how* the copy is blended with the student at each step. The bookkeeping
(a frozen deep copy, the ``steps`` counter, the first-step copy, buffers kept
in sync, checkpointed state) is the same, so it lives in one
:class:`MomentumTeacher` built on :class:`mmengine.model.BaseAveragedModel`;
the blend is a small registered :class:`MomentumRule` chosen by config::

    teacher = MomentumTeacher(student, rule=dict(type='CosineEMARule', momentum=0.004))
    teacher.update_parameters(student)                  # once per iteration
    teacher.update_parameters(student, reference=ref)   # three-way rules (CTP)

Rules use mmengine's convention: ``momentum`` is the *update rate*
(``avg <- (1 - momentum) * avg + momentum * src``), i.e. ``1 - m`` of the
papers. They blend whole parameter lists with ``torch._foreach_*`` kernels.
A rule with state (e.g. CLLD's compounding momentum) keeps it in buffers, so
it is saved in checkpoints and restored on ``--resume`` with the teacher.

Queues are not part of the teacher: the module that owns the loss registers
them as buffers (see :class:`mmcontrast.contrastive.MemoryQueue`).

Only torch and mmengine are imported (host-agnostic core); everything is
registered in mmengine's root ``MODELS`` registry, visible from every host.
"""
import math
from abc import ABCMeta, abstractmethod
from typing import List, Optional, Union

import torch
import torch.nn as nn
from mmengine.logging import MessageHub
from mmengine.model import BaseAveragedModel
from torch import Tensor

from mmcontrast.registry import MODELS

TensorList = List[Tensor]


class MomentumRule(nn.Module, metaclass=ABCMeta):
    """Base class of the update rules of :class:`MomentumTeacher`.

    A rule blends the teacher's floating-point parameters with the
    student's in place. Subclasses implement :meth:`forward`; stateful rules
    also override :meth:`advance`, called once after every teacher update
    (the first-step copy included), and keep their state in buffers.
    """

    accepts_reference: bool = False

    @abstractmethod
    def forward(self,
                averaged: TensorList,
                source: TensorList,
                steps: int,
                reference: Optional[TensorList] = None) -> None:
        """Blend ``averaged`` in place.

        Args:
            averaged (list[Tensor]): Teacher parameters, modified in place.
            source (list[Tensor]): Student parameters, same shapes/devices.
            steps (int): Teacher updates done before this one (>= 1; step 0
                is a plain copy done by the teacher).
            reference (list[Tensor], optional): Parameters of a frozen
                reference model, for three-way rules. Defaults to None.
        """

    def advance(self, steps: int) -> None:
        """Advance the rule's own state after update number ``steps``."""


@MODELS.register_module()
class EMARule(MomentumRule):
    """Constant-rate EMA: ``avg <- avg + momentum * (src - avg)``.

    Bitwise the update of :class:`mmengine.model.ExponentialMovingAverage`
    (``lerp_``), over parameter lists.

    Args:
        momentum (float): Update rate in (0, 1) (``1 - m``). Defaults to 0.004.
    """

    def __init__(self, momentum: float = 0.004) -> None:
        super().__init__()
        if not 0.0 < momentum < 1.0:
            raise ValueError(f'EMARule momentum (the update rate 1 - m) must be in (0, 1), '
                             f'got {momentum}.')
        self.momentum = float(momentum)

    def forward(self, averaged, source, steps, reference=None) -> None:
        torch._foreach_lerp_(averaged, source, self.momentum)

    def extra_repr(self) -> str:
        return f'momentum={self.momentum}'


@MODELS.register_module()
class CosineEMARule(MomentumRule):
    """EMA whose update rate is annealed by a half cosine (BYOL, MoCo v3, CoNe).

    ``rate_t = end - (end - start) * (cos(pi * t / T) + 1) / 2`` with ``t`` the
    update count and ``T`` the runner's ``max_iters`` (read from the
    ``MessageHub``, set by ``RuntimeInfoHook``; unit tests set it by hand),
    then ``avg <- (1 - rate_t) * avg + rate_t * src``. Same formula and
    operations as :class:`mmpretrain.models.utils.CosineEMA`; the cosine is
    evaluated in float64 (mmpretrain multiplies ``pi`` by the step tensor in
    float32), a difference below 1e-9 in the rate.

    Args:
        momentum (float): Start update rate (``1 - m0``, e.g. 0.004 for
            m0 = 0.996). Defaults to 0.004.
        end_momentum (float): Final update rate (0 means m = 1). Defaults to 0.
    """

    def __init__(self, momentum: float = 0.004, end_momentum: float = 0.0) -> None:
        super().__init__()
        if not (0.0 <= momentum <= 1.0 and 0.0 <= end_momentum <= 1.0):
            raise ValueError('CosineEMARule momentum and end_momentum are update rates (1 - m) '
                             f'in [0, 1], got {momentum} and {end_momentum}.')
        self.momentum = float(momentum)
        self.end_momentum = float(end_momentum)

    def rate(self, steps: int) -> float:
        """The update rate at update count ``steps``."""
        max_iters = MessageHub.get_current_instance().get_info('max_iters')
        if not max_iters:
            raise RuntimeError(
                "CosineEMARule needs 'max_iters' in the MessageHub (set by the runner's "
                "RuntimeInfoHook); outside a runner call MessageHub.get_current_instance()"
                ".update_info('max_iters', T) first.")
        cosine = (math.cos(math.pi * steps / float(max_iters)) + 1) / 2
        return self.end_momentum - (self.end_momentum - self.momentum) * cosine

    def forward(self, averaged, source, steps, reference=None) -> None:
        rate = self.rate(steps)
        torch._foreach_mul_(averaged, 1 - rate)
        torch._foreach_add_(averaged, source, alpha=rate)

    def extra_repr(self) -> str:
        return f'momentum={self.momentum}, end_momentum={self.end_momentum}'


@MODELS.register_module()
class SineCompoundingRule(MomentumRule):
    r"""The official CLLD momentum rule (Zoljodi et al., arXiv 2308.08242).

    The official code (github sabadijou/clld_official) keeps a keep-rate
    ``m`` (paper convention, start 0.99) and, at every target update
    ``k = 0, 1, 2, ...`` (two per iteration), first averages with the
    *current* m, ``avg <- m * avg + (1 - m) * src``, then compounds it:
    ``m <- m + sin(pi/2 * k / length) * (1 - m)``. In float64 m reaches
    exactly 1.0 after update k = 55, so the target freezes after ~28
    iterations. Kept for parity runs only (CLLD ``momentum_schedule=
    'official'``); the default CLLD recipe uses :class:`CosineEMARule`.

    ``m`` lives in the float64 buffer ``keep_momentum`` (checkpointed).

    Args:
        momentum (float): Start update rate ``1 - m0`` (0.01 is the official
            0.99). Defaults to 0.01.
        length (int): Denominator of the sine argument. Defaults to 100.
    """

    def __init__(self, momentum: float = 0.01, length: int = 100) -> None:
        super().__init__()
        if not 0.0 < momentum < 1.0:
            raise ValueError(f'SineCompoundingRule momentum must lie in (0, 1), got {momentum!r}.')
        if length <= 0:
            raise ValueError(f'SineCompoundingRule length must be > 0, got {length!r}.')
        self.length = int(length)
        self.register_buffer('keep_momentum', torch.tensor(1.0 - momentum, dtype=torch.float64))

    @staticmethod
    def next_keep(m: float, k: int, length: int) -> float:
        """One official momentum step: ``m + sin(pi/2 * k / length) * (1 - m)``."""
        return m + math.sin(math.pi / 2 * k / length) * (1.0 - m)

    def forward(self, averaged, source, steps, reference=None) -> None:
        m = float(self.keep_momentum)
        torch._foreach_mul_(averaged, m)
        torch._foreach_add_(averaged, source, alpha=1.0 - m)

    def advance(self, steps: int) -> None:
        self.keep_momentum.fill_(self.next_keep(float(self.keep_momentum), steps, self.length))

    def extra_repr(self) -> str:
        return f'length={self.length}'


@MODELS.register_module()
class CompatibleMomentumRule(MomentumRule):
    """CTP's compatible momentum (Zhu et al., "CTP: Towards Vision-Language
    Continual Pretraining via Compatible Momentum Contrast and Topology
    Preservation", ICCV 2023).

    Without a reference (task 0): ``avg <- (1 - momentum) * avg + momentum * src``
    (official 0.995 / 0.005). With the frozen previous-task reference
    (task >= 1): ``avg <- (1 - ws - wr) * avg + ws * src + wr * ref``
    (official 0.90 / 0.05 / 0.05). The caller decides the task phase by
    passing ``reference`` to :meth:`MomentumTeacher.update_parameters`.

    Args:
        momentum (float): Task-0 update rate. Defaults to 0.005.
        student_weight (float): ``ws`` of the three-way blend. Defaults to 0.05.
        reference_weight (float): ``wr`` of the three-way blend. Defaults to 0.05.
    """

    accepts_reference = True

    def __init__(self,
                 momentum: float = 0.005,
                 student_weight: float = 0.05,
                 reference_weight: float = 0.05) -> None:
        super().__init__()
        if not 0.0 < momentum < 1.0:
            raise ValueError(f'CompatibleMomentumRule momentum must be in (0, 1), got {momentum}.')
        if student_weight < 0 or reference_weight < 0 or student_weight + reference_weight >= 1:
            raise ValueError(
                'CompatibleMomentumRule needs student_weight, reference_weight >= 0 with a sum '
                f'below 1, got {student_weight} and {reference_weight}.')
        self.momentum = float(momentum)
        self.student_weight = float(student_weight)
        self.reference_weight = float(reference_weight)

    def forward(self, averaged, source, steps, reference=None) -> None:
        if reference is None:
            torch._foreach_mul_(averaged, 1 - self.momentum)
            torch._foreach_add_(averaged, source, alpha=self.momentum)
            return
        torch._foreach_mul_(averaged, 1 - self.student_weight - self.reference_weight)
        torch._foreach_add_(averaged, source, alpha=self.student_weight)
        torch._foreach_add_(averaged, reference, alpha=self.reference_weight)

    def extra_repr(self) -> str:
        return (f'momentum={self.momentum}, student_weight={self.student_weight}, '
                f'reference_weight={self.reference_weight}')


@MODELS.register_module()
class MomentumTeacher(BaseAveragedModel):
    """A momentum copy of a student network, blended by a pluggable rule.

    The first :meth:`update_parameters` copies the student (mmengine's
    averaged-model convention); every ``interval``-th later call applies
    ``rule`` to all floating-point parameters at once. Buffers (BN
    statistics) are copied from the student unless ``update_buffers``
    (then they are averaged too). The copy never requires grad. State
    (``steps`` and the rule's buffers) is checkpointed with the owner.

    Args:
        model (nn.Module): The student to copy (deep-copied).
        rule (dict | MomentumRule): Update rule or its config, e.g.
            ``dict(type='CosineEMARule', momentum=0.004)``. Defaults to
            ``dict(type='EMARule', momentum=0.004)``.
        interval (int): Update every ``interval`` calls. Defaults to 1.
        device (torch.device, optional): Where the copy lives. Defaults to
            the student's device.
        update_buffers (bool): Average buffers too. Defaults to False.
        eval_mode (bool): Keep the copy in eval mode whatever ``train()``
            says (CTP's momentum and reference copies). Defaults to False:
            the copy follows its owner (CoNe's key encoder uses batch
            statistics in training).
    """

    def __init__(self,
                 model: nn.Module,
                 rule: Union[dict, MomentumRule] = dict(type='EMARule', momentum=0.004),
                 interval: int = 1,
                 device: Optional[torch.device] = None,
                 update_buffers: bool = False,
                 eval_mode: bool = False) -> None:
        if interval < 1:
            raise ValueError(f'MomentumTeacher interval must be >= 1, got {interval}.')
        super().__init__(model, interval=interval, device=device, update_buffers=update_buffers)
        if isinstance(rule, dict):
            rule = MODELS.build(rule)
        if not isinstance(rule, MomentumRule):
            raise TypeError(f'MomentumTeacher rule must be a MomentumRule or its config dict, '
                            f'got {type(rule).__name__}.')
        self.rule = rule.to(device) if device is not None else rule
        self.eval_mode = eval_mode
        if eval_mode:
            self.module.eval()

    def train(self, mode: bool = True) -> 'MomentumTeacher':
        super().train(mode)
        if self.eval_mode:
            self.module.eval()
        return self

    def avg_func(self, averaged_param: Tensor, source_param: Tensor, steps: int) -> None:
        """Single-tensor form of the rule (mmengine's abstract hook)."""
        self.rule([averaged_param], [source_param], int(steps))

    def _source(self, model: nn.Module) -> dict:
        """Name -> tensor of what the teacher averages, checked against its copy."""
        src = model.state_dict(keep_vars=True) if self.update_buffers else dict(
            model.named_parameters())
        if len(src) != len(self.avg_parameters) or any(k not in src for k in self.avg_parameters):
            missing = [k for k in self.avg_parameters if k not in src]
            raise KeyError(f'MomentumTeacher: the source model lacks {missing[:5]} (or has extra '
                           'entries); it must have the structure the teacher was built from.')
        return src

    @torch.no_grad()
    def update_parameters(self, model: nn.Module, reference: Optional[nn.Module] = None) -> None:
        """One teacher update from ``model`` (and a frozen ``reference``).

        Args:
            model (nn.Module): The student, same structure as at construction.
            reference (nn.Module, optional): A frozen model of the same
                structure for three-way rules (CTP task >= 1). Defaults to None.
        """
        steps = int(self.steps)
        if reference is not None and not self.rule.accepts_reference:
            raise ValueError(f'MomentumTeacher: {type(self.rule).__name__} takes no reference '
                             'model; use a three-way rule such as CompatibleMomentumRule.')
        src = self._source(model)
        if steps == 0:
            for k, p_avg in self.avg_parameters.items():
                p_avg.data.copy_(src[k].data)
        elif steps % self.interval == 0:
            names = [k for k, p in self.avg_parameters.items() if p.dtype.is_floating_point]
            avg = [self.avg_parameters[k].data for k in names]
            ref = None
            if reference is not None:
                ref_src = self._source(reference)
                ref = [ref_src[k].data.to(a.device) for k, a in zip(names, avg)]
            self.rule(avg, [src[k].data.to(a.device) for k, a in zip(names, avg)], steps, ref)
        if not self.update_buffers:
            for b_avg, b_src in zip(self.module.buffers(), model.buffers()):
                b_avg.data.copy_(b_src.data.to(b_avg.device))
        self.rule.advance(steps)
        self.steps += 1

    @torch.no_grad()
    def copy_from(self, model: nn.Module, buffers: bool = True) -> None:
        """Hard-copy ``model`` into the teacher (e.g. at a task start), ``steps`` unchanged.

        Args:
            model (nn.Module): Same structure as at construction.
            buffers (bool): Also copy all buffers. Defaults to True.
        """
        src = self._source(model)
        for k, p_avg in self.avg_parameters.items():
            p_avg.data.copy_(src[k].data)
        if buffers:
            for b_avg, b_src in zip(self.module.buffers(), model.buffers()):
                b_avg.data.copy_(b_src.data.to(b_avg.device))
