# Copyright (c) mmcontrast contributors. All rights reserved.
"""CTP's topology preservation: four relational KL terms against the previous-task model."""
import torch.nn as nn
from mmpretrain.registry import MODELS
from torch import Tensor

from mmcontrast.contrastive.losses import relational_kl_loss


@MODELS.register_module()
class TopologyPreservationLoss(nn.Module):
    """Topology preservation of CTP (Zhu et al., ICCV 2023), spec §3.

    ``[KL(it) + KL(ti)] / 2 + [KL(ii) + KL(tt)] / 2`` where ``KL(xy)`` is
    the batch-mean ``KL(softmax(R_xy/T) || softmax(S_xy/T))`` between the
    reference model's (R, columns gathered without gradient) and the
    student's (S, columns gathered with gradient) in-batch similarities; the
    intra-modal terms drop the self pair. Built on
    :func:`mmcontrast.contrastive.losses.relational_kl_loss`.

    Args:
        temperature (float): Defaults to 0.07.
        loss_weight (float): Defaults to 1.0.
    """

    def __init__(self, temperature: float = 0.07, loss_weight: float = 1.0) -> None:
        super().__init__()
        self.temperature = float(temperature)
        self.loss_weight = float(loss_weight)

    def forward(self, v: Tensor, w: Tensor, v_ref: Tensor, w_ref: Tensor) -> Tensor:
        """Scalar loss from (B, D) student and reference features."""
        kl = lambda a, b, ra, rb, ex: relational_kl_loss(  # noqa: E731
            a, b, ra, rb, self.temperature, exclude_self=ex, gather=True)
        cross = (kl(v, w, v_ref, w_ref, False) + kl(w, v, w_ref, v_ref, False)) / 2
        intra = (kl(v, v, v_ref, v_ref, True) + kl(w, w, w_ref, w_ref, True)) / 2
        return self.loss_weight * (cross + intra)
