# Copyright (c) mmcontrast contributors. All rights reserved.
"""Distributional-consistency loss of CoNe (Zheng et al., arXiv 2308.10761).

The predicted class distribution of a sample is pulled toward the
similarity-weighted mean of the class distributions stored with the queue
entries, the weights being a softmax over *all* K entries of the key
embedding's similarities:

    a = softmax(k @ Q^T / tau)           (B, K), no gradient
    t = a @ P                             (B, C), P (K, C) queued distributions
    L = sum_{b in keep} KL(t_b || softmax(logit_b)) / B

``keep`` (:func:`confident_mask`) drops samples whose predicted distribution
has an entry ``<= 1e-8``, as the official code does for numerical safety.
Written here because no PyPI package implements CoNe; the KL itself is
``torch.nn.functional.kl_div`` semantics (tests compare against it).
"""
from typing import Optional

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import Tensor

from mmcontrast.registry import MODELS
from ..engine import (check_all_finite, check_len, check_temperature, fp32, masked_log_softmax,
                      similarity)


def confident_mask(logits: Tensor, eps: float = 1e-8) -> Tensor:
    """Samples whose smallest predicted probability exceeds ``eps``.

    Args:
        logits (Tensor): (B, C) class logits.
        eps (float): Threshold on ``softmax(logits).min(1)``. Defaults to 1e-8.

    Returns:
        Tensor: (B,) bool, no gradient.
    """
    with torch.no_grad():
        return F.softmax(fp32(logits), dim=1).min(dim=1).values > eps


@torch.no_grad()
def neighbour_class_distribution(keys: Tensor,
                                 queue_feats: Tensor,
                                 queue_probs: Tensor,
                                 temperature: float = 0.07) -> Tensor:
    """Similarity-weighted mean of the queued class distributions.

    Args:
        keys (Tensor): (B, D) L2-normalised key embeddings.
        queue_feats (Tensor): (K, D) L2-normalised queue keys.
        queue_probs (Tensor): (K, C) class distributions of the queue entries.
        temperature (float): Softmax temperature over all K similarities.
            Defaults to 0.07.

    Returns:
        Tensor: (B, C) fp32 target distributions ``t`` (detached); each row
        sums to 1 when every queued row does.
    """
    check_temperature('temperature', temperature)
    check_len('queue_probs', queue_probs, queue_feats.shape[0], 'queue entry')
    check_all_finite(keys=keys, queue_feats=queue_feats, queue_probs=queue_probs)
    with torch.autocast(device_type=keys.device.type, enabled=False):  # fp32 under AMP
        attn = F.softmax(similarity(keys, queue_feats) / temperature, dim=1)  # (B, K)
        if queue_probs.dtype in (torch.float16, torch.bfloat16) and queue_probs.is_cuda:
            # A half-precision queue stays half: no (K, C) fp32 copy per step; the GPU
            # matmul accumulates in fp32.
            return torch.mm(attn.to(queue_probs.dtype), queue_probs).float()
        return torch.mm(attn, fp32(queue_probs))  # (B, C)


def distribution_consistency_loss(logits: Tensor,
                                  target_dist: Tensor,
                                  keep: Optional[Tensor] = None) -> Tensor:
    """``sum_{b in keep} KL(t_b || softmax(logits_b)) / B``.

    Args:
        logits (Tensor): (B, C) online class logits; the gradient flows here.
        target_dist (Tensor): (B, C) target distributions, detached. Entries
            equal to 0 contribute 0 (``xlogy``); negative entries (a ``randn``
            initialised queue) give NaN, which is why callers gate the loss
            off until the queue holds real distributions.
        keep (Tensor, optional): (B,) bool mask of the samples to include;
            all when None. The sum is still divided by the full B.

    Returns:
        Tensor: scalar (fp32). A finite zero that keeps the graph when no
        sample is kept or the batch is empty.

    Raises:
        ValueError: non-finite logits/target_dist, mismatched shapes or a
            ``keep`` mask of the wrong length.
    """
    if logits.shape != target_dist.shape or logits.dim() != 2:
        raise ValueError(
            f'distribution_consistency_loss expects logits and target_dist of the same '
            f'(B, C) shape, got {tuple(logits.shape)} and {tuple(target_dist.shape)}.')
    check_all_finite(logits=logits, target_dist=target_dist)
    batch = logits.shape[0]
    if keep is not None:
        check_len('keep', keep.reshape(-1), batch, 'sample')
    if keep is None:
        keep = torch.ones(batch, dtype=torch.bool, device=logits.device)
    if batch == 0 or not bool(keep.any()):
        return fp32(logits.sum()) * 0
    target = fp32(target_dist.detach())
    log_prob = masked_log_softmax(fp32(logits))
    kl = (torch.xlogy(target, target) - target * log_prob).sum(dim=1)  # (B,)
    return torch.where(keep, kl, torch.zeros_like(kl)).sum() / batch


@MODELS.register_module()
class DistributionConsistencyLoss(nn.Module):
    """Distributional-consistency loss of `CoNe <https://arxiv.org/abs/2308.10761>`_.

    See :func:`neighbour_class_distribution` and
    :func:`distribution_consistency_loss` for the maths.

    Args:
        temperature (float): Softmax temperature of the key-to-queue
            attention. Defaults to 0.07.
        loss_weight (float): Multiplier of the loss (CoNe's ``alpha_dc`` is
            0.4). Defaults to 1.0.
    """

    def __init__(self, temperature: float = 0.07, loss_weight: float = 1.0) -> None:
        super().__init__()
        check_temperature('DistributionConsistencyLoss temperature', temperature)
        if loss_weight < 0:
            raise ValueError(
                f'DistributionConsistencyLoss loss_weight must be >= 0, got {loss_weight}.')
        self.temperature = temperature
        self.loss_weight = loss_weight

    def forward(self,
                logits: Tensor,
                keys: Tensor,
                queue_feats: Tensor,
                queue_probs: Tensor,
                keep: Optional[Tensor] = None) -> Tensor:
        """Args:
            logits (Tensor): (B, C) online logits.
            keys (Tensor): (B, D) normalised key embeddings.
            queue_feats (Tensor): (K, D) normalised queue keys.
            queue_probs (Tensor): (K, C) queued class distributions.
            keep (Tensor, optional): (B,) bool sample mask.

        Returns:
            Tensor: scalar, weighted loss.
        """
        target = neighbour_class_distribution(keys, queue_feats, queue_probs, self.temperature)
        return self.loss_weight * distribution_consistency_loss(logits, target, keep)

    def extra_repr(self) -> str:
        return f'temperature={self.temperature}, loss_weight={self.loss_weight}'
