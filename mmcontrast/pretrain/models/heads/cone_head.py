# Copyright (c) mmcontrast contributors. All rights reserved.
"""Projection + classifier head of CoNe (Zheng et al., arXiv 2308.10761), owning its losses."""
from typing import List, Optional, Tuple, Union

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmcv.cnn import build_norm_layer
from mmpretrain.evaluation.metrics import Accuracy
from mmpretrain.models.heads import ClsHead
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample
from torch import Tensor

from mmcontrast.contrastive import MemoryQueue
from mmcontrast.contrastive.losses import confident_mask
from ..losses.smoothed_cross_entropy import SmoothedCrossEntropyLoss  # noqa: F401 (registers)


@MODELS.register_module()
class CoNeHead(ClsHead):
    """Projector + linear classifier of `CoNe <https://arxiv.org/abs/2308.10761>`_.

    ``e = g(x)`` with ``g = Linear(in, H) -> Norm(H) -> ReLU -> Linear(H, proj_dim)``
    (not normalised); ``logits = W e`` (``cls_input='projection'``, the
    paper's class centres) or ``W x`` (``cls_input='backbone'``, the unused
    variant of the official code). The embedding of the neighbour losses is
    ``normalize(e)``.

    The head owns CoNe's three losses, each a config dict: ``loss`` (the
    cross-entropy, :class:`SmoothedCrossEntropyLoss`), ``nb_loss``
    (``NeighbourContrastLoss``: knn_k, tau_nb, alpha_nb) and ``dc_loss``
    (``DistributionConsistencyLoss``: tau_dc, alpha_dc). :meth:`loss` with a
    queue computes all three (neighbour phase); without one, the
    cross-entropy only (warm-up, or the head alone in a plain
    ``ImageClassifier``: the CE baseline with the same network).

    Args:
        num_classes (int): Number of classes C.
        in_channels (int): Channels of the pooled backbone feature.
        proj_dim (int): Embedding dimension. Defaults to 256.
        hidden_channels (int, optional): Projector width H; defaults to
            ``max(2 * in_channels, 4096)``.
        cls_input (str): ``'projection'`` or ``'backbone'``. Defaults to
            ``'projection'``.
        norm_cfg (dict): Projector norm (mmcv ``build_norm_layer``), e.g.
            ``dict(type='SyncBN')`` in multi-GPU runs, where the official code
            synchronises it. Defaults to ``dict(type='BN1d')``.
        loss (dict): Cross-entropy config. Defaults to
            ``dict(type='SmoothedCrossEntropyLoss', label_smoothing=0.)``.
        nb_loss (dict): Neighbour-contrast config. Defaults to the paper's
            ``knn_k=512, temperature=0.1, loss_weight=0.7``.
        dc_loss (dict): Distribution-consistency config. Defaults to the
            paper's ``temperature=0.07, loss_weight=0.4``.
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
                 norm_cfg: dict = dict(type='BN1d'),
                 loss: dict = dict(type='SmoothedCrossEntropyLoss', label_smoothing=0.),
                 nb_loss: dict = dict(
                     type='NeighbourContrastLoss', knn_k=512, temperature=0.1, loss_weight=0.7),
                 dc_loss: dict = dict(
                     type='DistributionConsistencyLoss', temperature=0.07, loss_weight=0.4),
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
        super().__init__(loss=loss, topk=topk, cal_acc=cal_acc, init_cfg=init_cfg)
        self.loss_nb = MODELS.build(nb_loss)
        self.loss_dc = MODELS.build(dc_loss)
        self.num_classes = num_classes
        self.in_channels = in_channels
        self.proj_dim = proj_dim
        self.hidden_channels = hidden_channels or max(2 * in_channels, 4096)
        self.cls_input = cls_input
        self.projector = nn.Sequential(
            nn.Linear(in_channels, self.hidden_channels),
            build_norm_layer(norm_cfg, self.hidden_channels)[1], nn.ReLU(inplace=True),
            nn.Linear(self.hidden_channels, proj_dim))
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

    def loss(self,
             feats: Tuple[Tensor],
             data_samples: List[DataSample],
             queue: Optional[MemoryQueue] = None,
             keys: Optional[Tensor] = None,
             **kwargs) -> dict:
        """CoNe's losses.

        Args:
            feats (tuple[Tensor]): Neck outputs; the last is (B, in_channels).
            data_samples (list[DataSample]): With ``gt_label``.
            queue (MemoryQueue, optional): Key queue with ``labels`` (K,) and
                ``probs`` (K, C) payloads; None means cross-entropy only.
            keys (Tensor, optional): (B, proj_dim) normalised key embeddings
                (needed with ``queue``).

        Returns:
            dict: ``loss_ce`` and, with a queue, ``loss_nb`` and ``loss_dc``
            (each already weighted); ``accuracy_top-k`` when ``cal_acc``.
        """
        embed, logits = self.forward_train(feats)
        labels = torch.cat([ds.gt_label for ds in data_samples]).to(logits.device)
        if queue is None:
            losses = dict(loss_ce=self.loss_module(logits, labels))
        else:
            if keys is None:
                raise ValueError('CoNeHead.loss with a queue needs the key embeddings `keys`.')
            query = F.normalize(embed.float(), dim=1)  # (B, D)
            keep = confident_mask(logits)
            # The (K, D) keys are saved for backward and the owner's enqueue() writes them
            # in place before backward runs: use a copy (as MoCo does).
            queue_feats = queue.feats.clone()
            losses = dict(
                loss_ce=self.loss_module(logits, labels, keep),
                loss_nb=self.loss_nb(query, queue_feats, queue.labels, labels),
                loss_dc=self.loss_dc(logits, keys, queue.feats, queue.probs, keep))
        if self.cal_acc:
            acc = Accuracy.calculate(logits, labels, topk=self.topk)
            losses.update({f'accuracy_top-{k}': a for k, a in zip(self.topk, acc)})
        return losses
