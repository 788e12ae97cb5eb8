# Copyright (c) mmcontrast contributors. All rights reserved.
"""Projection + classifier head of CoNe (Zheng et al., arXiv 2308.10761)."""
from typing import List, Optional, Tuple, Union

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmpretrain.evaluation.metrics import Accuracy
from mmpretrain.models.heads import ClsHead
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample
from torch import Tensor


def _fp32(x: Tensor) -> Tensor:
    """``x`` in fp32 at least (fp16/bf16 upcast under AMP; fp64 kept for tests)."""
    return x if x.dtype == torch.float64 else x.float()


def smoothed_cross_entropy(logits: Tensor,
                           labels: Tensor,
                           label_smoothing: float = 0.0,
                           keep: Optional[Tensor] = None) -> Tensor:
    """Cross-entropy to a target with ``1-ls`` on the label and ``ls/(C-1)`` elsewhere.

    CoNe's smoothing spreads ``ls`` over the C-1 *other* classes, unlike
    mmpretrain's ``LabelSmoothLoss`` (``ls/C`` on every class), hence this
    function. With ``ls=0`` it is ``F.cross_entropy``.

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


class _SmoothedCrossEntropy(nn.Module):
    """Module form of :func:`smoothed_cross_entropy` (the head's ``loss_module``)."""

    def __init__(self, label_smoothing: float = 0.0) -> None:
        super().__init__()
        self.label_smoothing = label_smoothing

    def forward(self, logits: Tensor, labels: Tensor, keep: Optional[Tensor] = None) -> Tensor:
        return smoothed_cross_entropy(logits, labels, self.label_smoothing, keep)

    def extra_repr(self) -> str:
        return f'label_smoothing={self.label_smoothing}'


@MODELS.register_module()
class CoNeHead(ClsHead):
    """Projector + linear classifier of `CoNe <https://arxiv.org/abs/2308.10761>`_.

    ``e = g(x)`` with ``g = Linear(in, H) -> BN1d(H) -> ReLU -> Linear(H, proj_dim)``
    (not normalised); ``logits = W e`` (``cls_input='projection'``, the
    paper's class centres) or ``W x`` (``cls_input='backbone'``, the unused
    variant of the official code). The embedding used by the neighbour
    losses is ``normalize(e)``. The head also works alone in a plain
    ``ImageClassifier`` (the CE baseline with the same network).

    Args:
        num_classes (int): Number of classes C.
        in_channels (int): Channels of the pooled backbone feature.
        proj_dim (int): Embedding dimension. Defaults to 256.
        hidden_channels (int, optional): Projector width H; defaults to
            ``max(2 * in_channels, 4096)``.
        cls_input (str): ``'projection'`` or ``'backbone'``. Defaults to
            ``'projection'``.
        label_smoothing (float): ``ls`` of :func:`smoothed_cross_entropy`.
            Defaults to 0.
        topk (int | tuple): Top-k of the training accuracy. Defaults to (1, ).
        cal_acc (bool): Log training accuracy. Defaults to False.
        init_cfg (dict, optional): Initialisation config. Defaults to None
            (PyTorch defaults, as the official code).
    """

    def __init__(self,
                 num_classes: int,
                 in_channels: int,
                 proj_dim: int = 256,
                 hidden_channels: Optional[int] = None,
                 cls_input: str = 'projection',
                 label_smoothing: float = 0.0,
                 topk: Union[int, Tuple[int]] = (1, ),
                 cal_acc: bool = False,
                 init_cfg: Optional[dict] = None) -> None:
        if num_classes < 1 or in_channels < 1 or proj_dim < 1:
            raise ValueError(
                f'CoNeHead num_classes, in_channels and proj_dim must be positive, got '
                f'{num_classes}, {in_channels}, {proj_dim}.')
        if cls_input not in ('projection', 'backbone'):
            raise ValueError(
                f"CoNeHead cls_input must be 'projection' or 'backbone', got {cls_input!r}.")
        if not 0.0 <= label_smoothing < 1.0:
            raise ValueError(f'CoNeHead label_smoothing must be in [0, 1), got {label_smoothing}.')
        super().__init__(
            loss=_SmoothedCrossEntropy(label_smoothing),
            topk=topk,
            cal_acc=cal_acc,
            init_cfg=init_cfg)
        self.num_classes = num_classes
        self.in_channels = in_channels
        self.proj_dim = proj_dim
        self.hidden_channels = hidden_channels or max(2 * in_channels, 4096)
        self.cls_input = cls_input
        self.projector = nn.Sequential(
            nn.Linear(in_channels, self.hidden_channels), nn.BatchNorm1d(self.hidden_channels),
            nn.ReLU(inplace=True), nn.Linear(self.hidden_channels, proj_dim))
        self.fc = nn.Linear(proj_dim if cls_input == 'projection' else in_channels, num_classes)

    def forward_train(self, feats: Tuple[Tensor]) -> Tuple[Tensor, Tensor]:
        """Embedding and logits.

        Args:
            feats (tuple[Tensor]): Neck outputs; the last is (B, in_channels).

        Returns:
            tuple[Tensor, Tensor]: ``e`` (B, proj_dim), un-normalised, and
            ``logits`` (B, C).
        """
        x = feats[-1]
        embed = self.projector(x)
        logits = self.fc(embed if self.cls_input == 'projection' else x)
        return embed, logits

    def pre_logits(self, feats: Tuple[Tensor]) -> Tensor:
        """The classifier input: (B, proj_dim) or (B, in_channels)."""
        x = feats[-1]
        return self.projector(x) if self.cls_input == 'projection' else x

    def forward(self, feats: Tuple[Tensor]) -> Tensor:
        """(B, C) logits (inference path)."""
        return self.fc(self.pre_logits(feats))

    def loss(self, feats: Tuple[Tensor], data_samples: List[DataSample], **kwargs) -> dict:
        """Cross-entropy only (warm-up phase or the CE baseline).

        Returns:
            dict: ``loss_ce`` (and ``accuracy_top-k`` when ``cal_acc``).
        """
        losses = self._get_loss(self(feats), data_samples, **kwargs)
        return losses

    def _get_loss(self,
                  cls_score: Tensor,
                  data_samples: List[DataSample],
                  keep: Optional[Tensor] = None,
                  **kwargs) -> dict:
        labels = torch.cat([ds.gt_label for ds in data_samples]).to(cls_score.device)
        losses = dict(loss_ce=self.loss_module(cls_score, labels, keep))
        if self.cal_acc:
            acc = Accuracy.calculate(cls_score, labels, topk=self.topk)
            losses.update({f'accuracy_top-{k}': a for k, a in zip(self.topk, acc)})
        return losses
