# Copyright (c) mmcontrast contributors. All rights reserved.
"""CTP's image-text contrast: in-batch ITC plus hard-target queue contrast."""
from typing import Dict

import torch.nn as nn
from mmpretrain.registry import MODELS
from torch import Tensor

from mmcontrast.contrastive.losses import info_nce_loss


@MODELS.register_module()
class CTPITCHead(nn.Module):
    """Image-text contrast of CTP (Zhu et al., ICCV 2023), on the core's InfoNCE.

    Unlike mmpretrain's ``ITCHead`` the temperature is fixed, targets are
    hard and the queue is always used (CTP spec §3)::

        loss_itc       = [CE(v @ ag(w).T / T) + CE(w @ ag(v).T / T)] / 2
        loss_itc_queue = [CE(v @ [w_c; Qw].T / T) + CE(w @ [v_c; Qv].T / T)] / 2

    Args:
        temperature (float): Fixed T. Defaults to 0.07.
        use_queue (bool): Compute ``loss_itc_queue`` (False for SeqF).
            Defaults to True.
    """

    def __init__(self, temperature: float = 0.07, use_queue: bool = True) -> None:
        super().__init__()
        if temperature <= 0:
            raise ValueError(f'CTPITCHead temperature must be > 0, got {temperature}.')
        self.temperature = float(temperature)
        self.use_queue = use_queue

    def loss(self, v: Tensor, w: Tensor, v_m: Tensor = None, w_m: Tensor = None,
             image_queue: Tensor = None, text_queue: Tensor = None) -> Dict[str, Tensor]:
        """Losses from normalised features.

        Args:
            v, w (Tensor): (B, D) student image / text features.
            v_m, w_m (Tensor): (B, D) momentum features (no grad).
            image_queue, text_queue (Tensor): (Q, D) queues before this
                step's enqueue.

        Returns:
            dict: ``loss_itc`` and (with ``use_queue``) ``loss_itc_queue``.
        """
        t = self.temperature
        out = dict(loss_itc=info_nce_loss(v, w, temperature=t, symmetric=True, gather=True))
        if self.use_queue:
            i2t = info_nce_loss(v, w_m.detach(), queue=text_queue.detach(), temperature=t)
            t2i = info_nce_loss(w, v_m.detach(), queue=image_queue.detach(), temperature=t)
            out['loss_itc_queue'] = (i2t + t2i) / 2
        return out
