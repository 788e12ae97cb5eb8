# Copyright (c) mmcontrast contributors. All rights reserved.
"""ALBEF's masked-language-model head with its word-embedding-tied decoder."""
from typing import Optional

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmengine.model import BaseModule
from mmpretrain.registry import MODELS
from torch import Tensor


@MODELS.register_module()
class ALBEFMLMHead(BaseModule):
    """MLM head of ALBEF / BERT: dense -> GELU -> LayerNorm -> tied decoder + bias.

    Li et al., "Align before Fuse" (ALBEF), NeurIPS 2021, as used by CTP.
    The decoder weight is the text encoder's word-embedding matrix, passed
    at call time (``tie_weight``), so the tie survives ``deepcopy`` (each
    copy ties to its own embeddings).

    Args:
        hidden_size (int): Defaults to 768.
        vocab_size (int): Defaults to 21128.
        layer_norm_eps (float): Defaults to 1e-12.
    """

    def __init__(self, hidden_size: int = 768, vocab_size: int = 21128,
                 layer_norm_eps: float = 1e-12, init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        self.dense = nn.Linear(hidden_size, hidden_size)
        self.LayerNorm = nn.LayerNorm(hidden_size, eps=layer_norm_eps)
        self.bias = nn.Parameter(torch.zeros(vocab_size))
        nn.init.normal_(self.dense.weight, std=0.02)
        nn.init.zeros_(self.dense.bias)

    def forward(self, hidden: Tensor, tie_weight: Tensor) -> Tensor:
        """(B, L, H) hidden states -> (B, L, V) logits with decoder ``tie_weight`` (V, H)."""
        x = self.LayerNorm(F.gelu(self.dense(hidden)))
        return F.linear(x, tie_weight, self.bias)


def _fp32(x: Tensor) -> Tensor:
    return x.float() if x.dtype in (torch.float16, torch.bfloat16) else x


def mlm_loss(logits: Tensor, targets: Tensor) -> Tensor:
    """Mean cross-entropy over tokens with ``targets != -100``.

    Args:
        logits (Tensor): (B, L, V) student logits.
        targets (Tensor): (B, L) original ids at masked positions, -100 elsewhere.

    Returns:
        Tensor: scalar; ``0 * logits.sum()`` (finite, in the graph) when no
        token is masked.
    """
    keep = targets != -100
    if not bool(keep.any()):
        return logits.sum() * 0
    return F.cross_entropy(_fp32(logits[keep]), targets[keep])


def mlm_distill_loss(logits: Tensor, teacher_logits: Tensor, targets: Tensor,
                     temperature: float = 1.0) -> Tensor:
    """ALBEF/CTP MLM distillation: mean over masked tokens of ``-sum softmax(t/T) log_softmax(s/T)``.

    Args:
        logits (Tensor): (B, L, V) student logits.
        teacher_logits (Tensor): (B, L, V) momentum-model logits (no grad).
        targets (Tensor): (B, L) MLM targets; -100 marks unmasked tokens.
        temperature (float): T. Defaults to 1.0.

    Returns:
        Tensor: scalar; ``0 * logits.sum()`` when no token is masked.
    """
    keep = targets != -100
    if not bool(keep.any()):
        return logits.sum() * 0
    s = _fp32(logits[keep]) / temperature
    t = F.softmax(_fp32(teacher_logits[keep].detach()).to(s.dtype) / temperature, dim=-1)
    return -(t * F.log_softmax(s, dim=-1)).sum(-1).mean()
