# Copyright (c) mmcontrast contributors. All rights reserved.
"""CoNe's cross-entropy with ``ls/(C-1)`` smoothing and an optional sample mask."""
from typing import Optional

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmpretrain.registry import MODELS
from torch import Tensor


def _fp32(x: Tensor) -> Tensor:
    """``x`` in fp32 at least (fp16/bf16 upcast under AMP; fp64 kept for tests)."""
    return x if x.dtype == torch.float64 else x.float()


def smoothed_cross_entropy(logits: Tensor,
                           labels: Tensor,
                           label_smoothing: float = 0.0,
                           keep: Optional[Tensor] = None) -> Tensor:
    """Cross-entropy to a target with ``1-ls`` on the label and ``ls/(C-1)`` elsewhere.

    CoNe's smoothing (Zheng et al., arXiv 2308.10761, official code) spreads
    ``ls`` over the C-1 *other* classes, unlike mmpretrain's
    ``LabelSmoothLoss`` (``ls/C`` on every class), hence this function. With
    ``ls=0`` it is ``F.cross_entropy``.

    Args:
        logits (Tensor): (B, C) logits.
        labels (Tensor): (B,) int labels.
        label_smoothing (float): ``ls`` in [0, 1). Defaults to 0.
        keep (Tensor, optional): (B,) bool; excluded samples contribute 0 but
            the sum is still divided by the full B (official code). All
            samples when None.

    Returns:
        Tensor: scalar fp32; a graph-connected zero when nothing is kept.
    """
    batch, num_classes = logits.shape
    if batch == 0 or (keep is not None and not bool(keep.any())):
        return _fp32(logits.sum()) * 0
    log_prob = F.log_softmax(_fp32(logits), dim=1)
    if label_smoothing > 0:
        target = torch.full_like(log_prob, label_smoothing / max(num_classes - 1, 1))
        target.scatter_(1, labels.view(-1, 1), 1.0 - label_smoothing)
        nll = -(target * log_prob).sum(dim=1)
    else:
        nll = -log_prob.gather(1, labels.view(-1, 1)).squeeze(1)
    if keep is not None:
        nll = torch.where(keep, nll, torch.zeros_like(nll))
    return nll.sum() / batch


@MODELS.register_module()
class SmoothedCrossEntropyLoss(nn.Module):
    """Module form of :func:`smoothed_cross_entropy` (CoNe's ``loss_ce``).

    Args:
        label_smoothing (float): ``ls`` in [0, 1). Defaults to 0.
        loss_weight (float): Multiplier. Defaults to 1.
    """

    def __init__(self, label_smoothing: float = 0.0, loss_weight: float = 1.0) -> None:
        super().__init__()
        if not 0.0 <= label_smoothing < 1.0:
            raise ValueError(
                f'SmoothedCrossEntropyLoss label_smoothing must be in [0, 1), got '
                f'{label_smoothing}.')
        if loss_weight < 0:
            raise ValueError(f'SmoothedCrossEntropyLoss loss_weight must be >= 0, got '
                             f'{loss_weight}.')
        self.label_smoothing = label_smoothing
        self.loss_weight = loss_weight

    def forward(self, logits: Tensor, labels: Tensor, keep: Optional[Tensor] = None) -> Tensor:
        """(B, C) logits, (B,) labels, optional (B,) bool mask -> scalar."""
        loss = smoothed_cross_entropy(logits, labels, self.label_smoothing, keep)
        return loss if self.loss_weight == 1.0 else self.loss_weight * loss

    def extra_repr(self) -> str:
        return f'label_smoothing={self.label_smoothing}, loss_weight={self.loss_weight}'
