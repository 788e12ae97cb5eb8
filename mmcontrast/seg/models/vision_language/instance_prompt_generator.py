# Copyright (c) mmcontrast contributors. All rights reserved.
"""ICPC's instance-conditioned prompt generator (reconstruction)."""
from typing import Optional

import torch.nn as nn
from mmengine.model import BaseModule
from mmseg.registry import MODELS
from torch import Tensor


@MODELS.register_module()
class InstancePromptGenerator(BaseModule):
    """Per-image context tokens for the text encoder (ICPC, Yu et al., arXiv
    2308.07078, delta 1). ICPC releases no code; this is the CoCoOp-style
    meta-net of the method spec (``shared/methods/icpc.md`` §2):
    ``pi_b = Linear(C, C/r) -> ReLU -> Linear(C/r, out)`` on an image vector.

    Args:
        embed_dim (int): Image embedding dim C. Defaults to 1024.
        token_dim (int): Text token dim D. Defaults to 512.
        num_contexts (int): M context tokens. Defaults to 8.
        reduction (int): Hidden size ``C / reduction``. Defaults to 16.
        mode (str): ``'shift'`` (``ctx + pi_b`` on every token),
            ``'per_token'`` (last layer outputs ``M*D``: one shift per token)
            or ``'replace'`` (``pi_b`` per token, no shared contexts).
            Defaults to ``'shift'``.
        input (str): ``'global'`` (attention-pool embedding) or
            ``'dense_mean'`` (mean of the dense embeddings). Defaults to ``'global'``.
        detach_input (bool): Stop gradients into the image encoder. Defaults to False.
        zero_init_last (bool): Zero the last layer so that at step 0 the
            prompts equal the shared contexts (ICPC == DenseCLIP). Defaults to True.
    """

    def __init__(self, embed_dim: int = 1024, token_dim: int = 512, num_contexts: int = 8,
                 reduction: int = 16, mode: str = 'shift', input: str = 'global',
                 detach_input: bool = False, zero_init_last: bool = True, init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        if mode not in ('shift', 'per_token', 'replace'):
            raise ValueError(f"mode must be 'shift', 'per_token' or 'replace', got {mode!r}.")
        if input not in ('global', 'dense_mean'):
            raise ValueError(f"input must be 'global' or 'dense_mean', got {input!r}.")
        if reduction < 1 or embed_dim // reduction < 1:
            raise ValueError(f'reduction={reduction} must be in [1, embed_dim={embed_dim}].')
        self.mode = mode
        self.input = input
        self.detach_input = detach_input
        self.num_contexts = num_contexts
        self.token_dim = token_dim
        out = token_dim if mode == 'shift' else num_contexts * token_dim
        hidden = embed_dim // reduction
        self.meta_net = nn.Sequential(nn.Linear(embed_dim, hidden), nn.ReLU(inplace=True),
                                      nn.Linear(hidden, out))
        self.zero_init_last = zero_init_last
        if zero_init_last:
            self._zero_last()

    def _zero_last(self) -> None:
        nn.init.zeros_(self.meta_net[-1].weight)
        nn.init.zeros_(self.meta_net[-1].bias)

    def init_weights(self) -> None:
        super().init_weights()
        if self.zero_init_last and self.init_cfg is None:
            self._zero_last()

    def forward(self, global_feat: Tensor, dense_feat: Tensor,
                contexts: Optional[Tensor]) -> Tensor:
        """Args: global_feat (B, C); dense_feat (B, C, h, w); contexts (1, M, D)
        shared contexts (None with ``mode='replace'``).
        Returns: (B, M, D) per-image contexts."""
        v = global_feat if self.input == 'global' else dense_feat.mean(dim=(2, 3))
        if self.detach_input:
            v = v.detach()
        pi = self.meta_net(v)  # (B, D) or (B, M*D)
        B = pi.shape[0]
        if self.mode == 'shift':
            return contexts + pi[:, None, :]
        pi = pi.reshape(B, self.num_contexts, self.token_dim)
        return pi if self.mode == 'replace' else contexts + pi
