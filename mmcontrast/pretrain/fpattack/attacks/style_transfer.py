# Copyright (c) mmcontrast contributors. All rights reserved.
"""FP-attack's style-transfer attack and its no-style ablation."""
from typing import Sequence

import torch
from mmengine.registry import TASK_UTILS

from .base import BaseFPAttack
from .terms import attack_hinge, gram, l1_sum, style_loss, tv_loss


@TASK_UTILS.register_module()
class StyleTransferFPAttack(BaseFPAttack):
    """The attack of Guo et al., "A White-Box False Positive Adversarial Attack
    Method on Contrastive Loss Based Offline Handwritten Signature Verification
    Models" (AISTATS 2024), fpattack.md §3.

    Adam (lr) on the image x, initialised at the forgery f, minimising per pair
    ``w_attack*hinge(d/τ) + w_diff*Σ|x-f| + w_style*Σ_l mean((G(x)_l-G(g)_l)^2)
    + w_tv*TV(x)``; the batch loss is the sum over pairs. x is not clamped
    (``clamp=False``); success is judged on the final iterate.

    Args:
        lr (float): Adam lr. Defaults to 1e-2.
        iters (int): Defaults to 50.
        w_attack, w_diff, w_style, w_tv (float): Defaults 10, 1e-3, 1e11, 100
            (the CLI values; the class default of the official attack loss is 0.1).
        taps (Sequence[str]): style layers. Defaults to conv1..conv4.
        threshold (float): τ. Defaults to 0.0314 (CEDAR).
        clamp (bool): clamp x to [0, 1] after each step. Defaults to False.
        early_stop_on_success (bool): see :class:`BaseFPAttack`.
    """

    def __init__(self, lr: float = 1e-2, iters: int = 50, w_attack: float = 10.,
                 w_diff: float = 1e-3, w_style: float = 1e11, w_tv: float = 100.,
                 taps: Sequence[str] = ('conv1', 'conv2', 'conv3', 'conv4'),
                 threshold: float = 0.0314, clamp: bool = False,
                 early_stop_on_success: bool = False) -> None:
        super().__init__(threshold, iters, early_stop_on_success)
        self.lr, self.w_attack, self.w_diff = lr, w_attack, w_diff
        self.w_style, self.w_tv, self.taps, self.clamp = w_style, w_tv, tuple(taps), clamp

    def losses(self, model, x, f, g_emb, target_grams):
        """Per-pair terms, each (B,)."""
        taps = self.taps if self.w_style else ()
        d, feats = self.distance(model, g_emb, x, taps)
        out = dict(attack=self.w_attack * attack_hinge(d, self.threshold),
                   diff=self.w_diff * l1_sum(x, f), tv=self.w_tv * tv_loss(x))
        if self.w_style:
            out['style'] = self.w_style * style_loss(feats, target_grams, taps)
        return out

    def attack(self, model, g, f, track):
        with torch.no_grad():
            g_emb, g_feats = model.embed(g, self.taps if self.w_style else ())
            target = {t: gram(v) for t, v in g_feats.items()}
        x = torch.nn.Parameter(f.detach().clone())
        opt = torch.optim.Adam([x], lr=self.lr)
        for i in range(self.iters):
            opt.zero_grad()
            loss = sum(v.sum() for v in self.losses(model, x, f, g_emb, target).values())
            loss.backward()
            opt.step()
            if self.clamp:
                with torch.no_grad():
                    x.clamp_(0, 1)
            track(i, x)
        return x.detach()


@TASK_UTILS.register_module()
class NoStyleFPAttack(StyleTransferFPAttack):
    """Ablation of :class:`StyleTransferFPAttack` without the style term and
    with x clamped to [0, 1] after every step (fpattack.md §3)."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault('clamp', True)
        kwargs['w_style'] = 0.
        super().__init__(**kwargs)
