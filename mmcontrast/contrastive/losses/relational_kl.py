# Copyright (c) mmcontrast contributors. All rights reserved.
"""Relational (similarity-distribution) KL distillation.

CTP's topology preservation (Zhu et al., "CTP: Towards Vision-Language
Continual Pretraining via Compatible Momentum Contrast and Topology
Preservation", ICCV 2023): for each row of a batch, the softmax over its
similarities to the (gathered) batch computed by a frozen reference model is
the target distribution P, the student's is Q, and the loss is
``KL(P || Q)`` averaged over rows ("batchmean"). For intra-modal pairs the
self similarity (column ``rank * B + i`` of row i) is removed from both
distributions. Nothing in mmengine/torch provides the masked relational KL,
hence this small function.
"""
from typing import Optional

import torch
import torch.nn as nn
from mmengine.dist import get_rank, get_world_size
from torch import Tensor

from mmcontrast.registry import MODELS
from ..engine import (all_gather_no_grad, all_gather_with_grad, check_all_finite,
                      check_temperature, kl_rows, masked_log_softmax, similarity)


def relational_kl_loss(student_a: Tensor,
                       student_b: Tensor,
                       teacher_a: Tensor,
                       teacher_b: Tensor,
                       temperature: float = 0.07,
                       teacher_temperature: Optional[float] = None,
                       exclude_self: bool = False,
                       gather: bool = False) -> Tensor:
    """KL between teacher and student in-batch similarity distributions.

    ``S = student_a @ student_b.T / T`` and ``R = teacher_a @ teacher_b.T /
    T_t`` (rows: the local batch; columns: the batch gathered over ranks when
    ``gather``; the student's columns carry gradients, the teacher is
    detached); ``loss = 1/B * sum_i KL(softmax(R_i) || softmax(S_i))``.

    Args:
        student_a (Tensor): (B, D) student row embeddings.
        student_b (Tensor): (N, D) student column embeddings (N = B, or
            world_size * B after gathering).
        teacher_a (Tensor): (B, D') teacher row embeddings (no gradient).
        teacher_b (Tensor): (N, D') teacher column embeddings.
        temperature (float): Student temperature. Defaults to 0.07.
        teacher_temperature (float, optional): Teacher temperature.
            Defaults to None (= ``temperature``).
        exclude_self (bool): Remove column ``offset + i`` from row i (use
            for intra-modal pairs, a and b being the same samples).
            Defaults to False.
        gather (bool): Gather the column embeddings from every rank
            (student with gradient). Defaults to False.

    Returns:
        Tensor: scalar loss; 0 for identical distributions, including the
        single-sample intra-modal case; a zero with a graph for B = 0.

    Raises:
        ValueError: non-finite embeddings, mismatched shapes or an
            overflowing temperature.
    """
    check_temperature('temperature', temperature)
    if teacher_temperature is not None:
        check_temperature('teacher_temperature', teacher_temperature)
    for name, x in (('student_a', student_a), ('student_b', student_b),
                    ('teacher_a', teacher_a), ('teacher_b', teacher_b)):
        if x.dim() != 2:
            raise ValueError(f'{name} must be 2-D (rows, D), got {tuple(x.shape)}.')
    if student_a.shape[1] != student_b.shape[1] or teacher_a.shape[1] != teacher_b.shape[1]:
        raise ValueError('student_a/student_b and teacher_a/teacher_b must share their '
                         f'embedding dims; got {tuple(student_a.shape)}, '
                         f'{tuple(student_b.shape)}, {tuple(teacher_a.shape)}, '
                         f'{tuple(teacher_b.shape)}.')
    check_all_finite(student_a=student_a, student_b=student_b, teacher_a=teacher_a,
                     teacher_b=teacher_b)
    if student_a.shape[0] != teacher_a.shape[0] or student_b.shape[
            0] != teacher_b.shape[0]:
        raise ValueError(
            'student and teacher must have the same rows/columns; got '
            f'{tuple(student_a.shape)}/{tuple(teacher_a.shape)} and '
            f'{tuple(student_b.shape)}/{tuple(teacher_b.shape)}.')
    t_t = temperature if teacher_temperature is None else teacher_temperature
    offset = 0
    if gather and get_world_size() > 1:
        offset = get_rank() * student_a.shape[0]
        student_b = all_gather_with_grad(student_b)
        teacher_b = all_gather_no_grad(teacher_b)
    if exclude_self and student_b.shape[0] < offset + student_a.shape[0]:
        raise ValueError(
            'exclude_self=True needs the columns to contain the rows (same samples).'
        )
    if student_a.shape[0] == 0:
        return student_a.sum() * 0 + student_b.sum() * 0
    s = similarity(student_a, student_b) / temperature
    with torch.no_grad():
        r = similarity(teacher_a.detach(), teacher_b.detach()) / t_t
    keep = None
    if exclude_self:
        rows = torch.arange(s.shape[0], device=s.device)
        keep = torch.ones_like(s, dtype=torch.bool)
        keep[rows, rows + offset] = False
    # P = 0 on masked columns contributes exactly 0 (log Q stays finite)
    return kl_rows(masked_log_softmax(r.to(s.dtype), keep), masked_log_softmax(s, keep)).mean()


@MODELS.register_module()
class RelationalKLLoss(nn.Module):
    """Relational KL distillation module (CTP topology preservation).

    Zhu et al., "CTP: Towards Vision-Language Continual Pretraining via
    Compatible Momentum Contrast and Topology Preservation", ICCV 2023. See
    :func:`relational_kl_loss`.

    Args:
        temperature (float): Defaults to 0.07.
        teacher_temperature (float, optional): Defaults to None.
        gather (bool): Gather columns across ranks. Defaults to False.
        loss_weight (float): Defaults to 1.0.
        loss_name (str): Defaults to 'loss_relational_kl'.
    """

    def __init__(self,
                 temperature: float = 0.07,
                 teacher_temperature: Optional[float] = None,
                 gather: bool = False,
                 loss_weight: float = 1.0,
                 loss_name: str = 'loss_relational_kl') -> None:
        super().__init__()
        check_temperature('RelationalKLLoss temperature', temperature)
        if teacher_temperature is not None:
            check_temperature('RelationalKLLoss teacher_temperature', teacher_temperature)
        self.temperature = float(temperature)
        self.teacher_temperature = teacher_temperature
        self.gather = gather
        self.loss_weight = float(loss_weight)
        self._loss_name = loss_name

    @property
    def loss_name(self) -> str:
        """Name of the loss item."""
        return self._loss_name

    def forward(self,
                student_a: Tensor,
                student_b: Tensor,
                teacher_a: Tensor,
                teacher_b: Tensor,
                exclude_self: bool = False) -> Tensor:
        """Weighted loss; see :func:`relational_kl_loss`."""
        return self.loss_weight * relational_kl_loss(
            student_a,
            student_b,
            teacher_a,
            teacher_b,
            self.temperature,
            self.teacher_temperature,
            exclude_self=exclude_self,
            gather=self.gather)
