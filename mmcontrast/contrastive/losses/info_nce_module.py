# Copyright (c) mmcontrast contributors. All rights reserved.
"""The registered InfoNCE module: temperature (fixed or learnable) and an owned queue.

The maths is :func:`~mmcontrast.contrastive.losses.info_nce.info_nce_loss`;
this module only adds configuration and bookkeeping (solo-learn's split of
a pure loss function and a thin module).
"""
import math
from typing import Optional, Union

import torch
import torch.nn as nn
from torch import Tensor

from mmcontrast.registry import MODELS
from ..engine import check_temperature
from ..queue import MemoryQueue
from .info_nce import info_nce_loss


@MODELS.register_module()
class InfoNCELoss(nn.Module):
    """InfoNCE / NT-Xent loss module (CPC, SimCLR, MoCo, CLIP, DCL variants).

    Configuration and bookkeeping around :func:`info_nce_loss`: a fixed or
    learnable temperature (log-parametrised logit scale clamped at
    ``max_logit_scale`` like CLIP) and an optional owned memory queue of
    negatives (MoCo; filled with the detached keys after each training
    forward).

    Args:
        temperature (float): Initial/fixed temperature. Defaults to 0.07.
        learnable_temperature (bool): Learn ``logit_scale = log(1/T)``.
            Defaults to False.
        max_logit_scale (float): Clamp of ``1/T`` when learnable (CLIP: 100).
            Defaults to 100.
        symmetric (bool): Two directions. Defaults to False.
        symmetric_reduction (str): 'mean' or 'sum'. Defaults to 'mean'.
        in_batch_negatives (bool): Defaults to True.
        intra_negatives (bool): Defaults to False.
        decoupled (bool): Defaults to False.
        gather (bool): Gather keys across ranks with gradient. Defaults to
            False.
        queue_size (int): Length of an owned queue of negatives; 0 for none.
            Defaults to 0.
        queue_dim (int, optional): Embedding dim of the owned queue.
        chunk_size (int, optional): Rows per checkpointed chunk.
        loss_weight (float): Defaults to 1.0.
        loss_name (str): Defaults to 'loss_info_nce'.
    """

    def __init__(self,
                 temperature: float = 0.07,
                 learnable_temperature: bool = False,
                 max_logit_scale: float = 100.0,
                 symmetric: bool = False,
                 symmetric_reduction: str = 'mean',
                 in_batch_negatives: bool = True,
                 intra_negatives: bool = False,
                 decoupled: bool = False,
                 gather: bool = False,
                 queue_size: int = 0,
                 queue_dim: Optional[int] = None,
                 chunk_size: Optional[int] = None,
                 loss_weight: float = 1.0,
                 loss_name: str = 'loss_info_nce') -> None:
        super().__init__()
        check_temperature('InfoNCELoss temperature', temperature)
        if max_logit_scale <= 0 or (learnable_temperature
                                    and 1.0 / temperature > max_logit_scale):
            raise ValueError(
                f'InfoNCELoss max_logit_scale ({max_logit_scale}) must be positive and '
                f'>= 1/temperature ({1.0 / temperature:.4g}).')
        if symmetric_reduction not in ('mean', 'sum'):
            raise ValueError(
                f"InfoNCELoss symmetric_reduction must be 'mean' or 'sum', got "
                f'{symmetric_reduction!r}.')
        if chunk_size is not None and (not isinstance(chunk_size, int)
                                       or chunk_size <= 0):
            raise ValueError(
                f'InfoNCELoss chunk_size must be a positive int or None, got {chunk_size!r}.'
            )
        if queue_size < 0:
            raise ValueError(
                f'InfoNCELoss queue_size must be >= 0, got {queue_size}.')
        if queue_size and (queue_dim is None or queue_dim <= 0):
            raise ValueError(
                'InfoNCELoss with queue_size > 0 needs queue_dim (the embedding dim).'
            )
        if queue_size and symmetric:
            raise ValueError(
                'InfoNCELoss: an owned queue serves one direction; set symmetric=False '
                'and use one loss per direction.')
        self.learnable_temperature = learnable_temperature
        self.max_logit_scale = float(max_logit_scale)
        if learnable_temperature:
            self.logit_scale = nn.Parameter(
                torch.tensor(math.log(1.0 / temperature)))
        else:
            self.temperature = float(temperature)
        self.symmetric = symmetric
        self.symmetric_reduction = symmetric_reduction
        self.in_batch_negatives = in_batch_negatives
        self.intra_negatives = intra_negatives
        self.decoupled = decoupled
        self.gather = gather
        self.chunk_size = chunk_size
        self.loss_weight = float(loss_weight)
        self._loss_name = loss_name
        self.queue = MemoryQueue(queue_size, queue_dim) if queue_size else None

    @property
    def loss_name(self) -> str:
        """Name of the loss item (mmseg convention)."""
        return self._loss_name

    def get_temperature(self) -> Union[float, Tensor]:
        """The current temperature (a tensor with grad when learnable)."""
        if not self.learnable_temperature:
            return self.temperature
        return torch.exp(-self.logit_scale.clamp(
            max=math.log(self.max_logit_scale)))

    def forward(self,
                query: Tensor,
                key: Tensor,
                queue: Optional[Tensor] = None,
                targets: Optional[Tensor] = None,
                key_targets: Optional[Tensor] = None,
                key_ids: Optional[Tensor] = None,
                queue_ids: Optional[Tensor] = None,
                enqueue: bool = True) -> Tensor:
        """Weighted loss; see :func:`info_nce_loss` for the arguments.

        With an owned queue, its entries are the negatives (``queue`` must be
        None) and, in training mode with ``enqueue``, the detached keys are
        enqueued after the loss is computed.
        """
        if self.queue is not None:
            if queue is not None:
                raise ValueError(
                    'InfoNCELoss owns a queue; do not pass queue= as well.')
            self.queue.check_batch_size(key.shape[0])
            queue = self.queue.feats.clone()
        loss = info_nce_loss(
            query,
            key,
            queue,
            self.get_temperature(),
            targets=targets,
            key_targets=key_targets,
            symmetric=self.symmetric,
            symmetric_reduction=self.symmetric_reduction,
            in_batch_negatives=self.in_batch_negatives,
            intra_negatives=self.intra_negatives,
            decoupled=self.decoupled,
            key_ids=key_ids,
            queue_ids=queue_ids,
            gather=self.gather,
            chunk_size=self.chunk_size)
        if self.queue is not None and self.training and enqueue:
            self.queue.enqueue(key.detach())
        return self.loss_weight * loss
