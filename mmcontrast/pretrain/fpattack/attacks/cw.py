# Copyright (c) mmcontrast contributors. All rights reserved.
"""Carlini-Wagner-style L2 baseline of FP-attack (fpattack.md §3, §7.2)."""
import torch
from mmengine.registry import TASK_UTILS

from .base import BaseFPAttack


@TASK_UTILS.register_module()
class CW(BaseFPAttack):
    """CW (Carlini and Wagner, S&P 2017) as in the official code: Adam on a
    perturbation δ minimising ``objective + c·||δ||_2`` per pair, x = clamp(f+δ).

    Written here (not torchattacks.CW): torchattacks optimises a tanh-space
    margin on class logits with a batch-mean, not a per-pair distance with the
    official L2 penalty.

    Default ``objective='decrease_distance'``: objective = d.
    ``legacy_sign=True``: the official objective, the port loss with y = 1,
    ``max(0, m - d)^2``, which pushes d up toward the margin (§7.2).

    Args:
        lr (float): Defaults to 1e-2. c (float): Defaults to 1e-4.
        margin (float): port margin for the legacy objective. Defaults to 1.
        iters (int): Defaults to 50. threshold (float): τ.
    """

    def __init__(self, lr: float = 1e-2, c: float = 1e-4, iters: int = 50,
                 objective: str = 'decrease_distance', legacy_sign: bool = False,
                 margin: float = 1.0, threshold: float = 0.0314,
                 early_stop_on_success: bool = False) -> None:
        super().__init__(threshold, iters, early_stop_on_success)
        if objective != 'decrease_distance':
            raise ValueError("CW objective must be 'decrease_distance' (legacy_sign=True for "
                             f'the official one), got {objective!r}.')
        self.lr, self.c, self.legacy_sign, self.margin = lr, c, legacy_sign, margin

    def attack(self, model, g, f, track):
        with torch.no_grad():
            g_emb = model.embed(g)[0]
        delta = torch.nn.Parameter(torch.zeros_like(f))
        opt = torch.optim.Adam([delta], lr=self.lr)
        for i in range(self.iters):
            opt.zero_grad()
            x = (f + delta).clamp(0, 1)
            d = self.distance(model, g_emb, x)[0]
            obj = torch.relu(self.margin - d).pow(2) if self.legacy_sign else d
            norm = delta.flatten(1).pow(2).sum(1).add(1e-12).sqrt()
            (obj + self.c * norm).sum().backward()
            opt.step()
            track(i, (f + delta).clamp(0, 1).detach())
        return (f + delta).clamp(0, 1).detach()
