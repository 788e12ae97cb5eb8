# Copyright (c) mmcontrast contributors. All rights reserved.
"""Neighbour-contrast loss of CoNe (Zheng et al., arXiv 2308.10761).

Each query embedding looks up its ``knn_k`` most similar entries in a memory
queue of momentum-encoder keys; a softmax over those similarities must put its
mass on the neighbours that share the query's label:

    S = z @ Q^T                               (B, K) cosine similarities
    idx = topk(S, k)                          selection, not differentiated
    w = softmax(S[idx] / tau)                 (B, k)
    p_b = sum_j w_bj * [y_{idx_bj} == y_b]    mass on same-class neighbours
    L = sum_{b: p_b > eps} -log p_b / B

Written here rather than taken from a peer because no PyPI package implements
it: pytorch-metric-learning's ``SupConLoss`` is a sum of logs over positives,
not the log of a summed positive mass over a top-k neighbourhood.
"""
import math

import torch
import torch.nn as nn
from torch import Tensor

from mmcontrast.registry import MODELS
from ..engine import (check_all_finite, check_len, check_temperature, masked_logsumexp,
                      similarity)


def neighbour_contrast_loss(query: Tensor,
                            queue_feats: Tensor,
                            queue_labels: Tensor,
                            labels: Tensor,
                            knn_k: int = 512,
                            temperature: float = 0.1,
                            eps: float = 1e-8) -> Tensor:
    """Negative log of the softmax mass on same-class top-k neighbours.

    Args:
        query (Tensor): (B, D) L2-normalised query embeddings; the gradient
            flows to it only.
        queue_feats (Tensor): (K, D) L2-normalised queue keys (no gradient).
        queue_labels (Tensor): (K,) int labels of the queue entries.
        labels (Tensor): (B,) int labels of the queries.
        knn_k (int): Number of neighbours, ``1 <= knn_k <= K``. Defaults to 512.
        temperature (float): Softmax temperature over the neighbour
            similarities. Defaults to 0.1.
        eps (float): Samples whose same-class mass is ``<= eps`` (none of
            their neighbours shares their label) are skipped, as in the
            official code. Defaults to 1e-8.

    Returns:
        Tensor: scalar, the sum over kept samples divided by B (fp32). A
        finite zero that keeps the graph (``query.sum() * 0``) when no sample
        is kept or the batch is empty.

    Raises:
        ValueError: non-finite query/queue_feats, label counts that do not
            match, or an overflowing temperature.
    """
    if query.dim() != 2 or queue_feats.dim() != 2 or query.shape[1] != queue_feats.shape[1]:
        raise ValueError(f'neighbour_contrast_loss expects query (B, D) and queue_feats (K, D), '
                         f'got {tuple(query.shape)} and {tuple(queue_feats.shape)}.')
    num_entries = queue_feats.shape[0]
    check_len('labels', labels.reshape(-1), query.shape[0], 'query')
    check_len('queue_labels', queue_labels.reshape(-1), num_entries, 'queue entry')
    check_temperature('temperature', temperature)
    check_all_finite(query=query, queue_feats=queue_feats)
    if not 1 <= knn_k <= num_entries:
        raise ValueError(f'knn_k must be in [1, K={num_entries}], got {knn_k}; '
                         'lower knn_k or enlarge the queue.')
    batch = query.shape[0]
    if batch == 0:
        return query.sum() * 0
    # (B, K) similarities in fp32 even under autocast.
    with torch.autocast(device_type=query.device.type, enabled=False):
        sim = similarity(query, queue_feats.detach())
    with torch.no_grad():
        idx = sim.topk(knn_k, dim=1).indices  # (B, k)
    logits = sim.gather(1, idx) / temperature  # (B, k)
    same = queue_labels[idx] == labels.view(-1, 1)  # (B, k)
    # log p_b = logsumexp over same-class neighbours - logsumexp over all k
    log_mass = masked_logsumexp(logits, same) - masked_logsumexp(logits)
    keep = log_mass > math.log(eps)
    if not bool(keep.any()):
        return sim.sum() * 0
    return torch.where(keep, -log_mass, torch.zeros_like(log_mass)).sum() / batch


@MODELS.register_module()
class NeighbourContrastLoss(nn.Module):
    """Neighbour-contrast loss of `CoNe <https://arxiv.org/abs/2308.10761>`_.

    See :func:`neighbour_contrast_loss` for the maths.

    Args:
        knn_k (int): Number of queue neighbours per query. Defaults to 512.
        temperature (float): Softmax temperature over the neighbour
            similarities. Defaults to 0.1.
        loss_weight (float): Multiplier of the loss (CoNe's ``alpha_nb`` is
            0.7). Defaults to 1.0.
    """

    def __init__(self,
                 knn_k: int = 512,
                 temperature: float = 0.1,
                 loss_weight: float = 1.0) -> None:
        super().__init__()
        if not isinstance(knn_k, int) or knn_k < 1:
            raise ValueError(f'NeighbourContrastLoss knn_k must be a positive int, got {knn_k!r}.')
        check_temperature('NeighbourContrastLoss temperature', temperature)
        if loss_weight < 0:
            raise ValueError(f'NeighbourContrastLoss loss_weight must be >= 0, got {loss_weight}.')
        self.knn_k = knn_k
        self.temperature = temperature
        self.loss_weight = loss_weight

    def forward(self, query: Tensor, queue_feats: Tensor, queue_labels: Tensor,
                labels: Tensor) -> Tensor:
        """Args and shapes as :func:`neighbour_contrast_loss`; returns a scalar."""
        return self.loss_weight * neighbour_contrast_loss(query, queue_feats, queue_labels, labels,
                                                          self.knn_k, self.temperature)

    def extra_repr(self) -> str:
        return f'knn_k={self.knn_k}, temperature={self.temperature}, loss_weight={self.loss_weight}'
