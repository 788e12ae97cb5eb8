# Copyright (c) mmcontrast contributors. All rights reserved.
"""Shared pieces of the FP-attack algorithms."""
from abc import ABCMeta, abstractmethod
from typing import List, Optional

import torch
from torch import Tensor


def unwrap(model):
    """The verifier behind a DDP/DataParallel wrapper."""
    return model.module if hasattr(model, 'module') else model


class BaseFPAttack(metaclass=ABCMeta):
    """A white-box false-positive attack on a Siamese verifier.

    ``run(model, g, f)`` edits the forged queries ``f`` (B, 1, H, W) so that
    ``d(g, x) < threshold``; the victim must be frozen (the loop does it).
    Losses are sums of per-pair terms, so a batch equals B single runs.

    Args:
        threshold (float): τ; accept iff d < τ.
        iters (int): iterations.
        early_stop_on_success (bool): keep each pair's first accepted iterate
            (and record its iteration) instead of the final one.
    """

    def __init__(self, threshold: float = 0.0314, iters: int = 50,
                 early_stop_on_success: bool = False) -> None:
        if not threshold > 0:
            raise ValueError(f'{type(self).__name__} threshold must be > 0, got {threshold}.')
        if iters < 0:
            raise ValueError(f'{type(self).__name__} iters must be >= 0, got {iters}.')
        self.threshold, self.iters = float(threshold), int(iters)
        self.early_stop_on_success = early_stop_on_success

    # ---- victim access -------------------------------------------------
    @staticmethod
    def distance(model, g_emb: Tensor, x: Tensor, taps=()):
        e, feats = unwrap(model).embed(x, taps)
        return torch.nn.functional.pairwise_distance(g_emb, e, p=2, eps=1e-6), feats

    @abstractmethod
    def attack(self, model, g: Tensor, f: Tensor, track) -> Tensor:
        """Return the adversarial images (B, 1, H, W); call ``track(i, x)``
        after iteration i with the current iterate."""

    def run(self, model, g: Tensor, f: Tensor,
            meta: Optional[List[dict]] = None) -> List[dict]:
        """Attack B pairs; returns one result dict per pair (see
        :class:`AttackSuccessRate`)."""
        if g.shape != f.shape or g.dim() != 4:
            raise ValueError(f'g and f must both be (B, 1, H, W), got {tuple(g.shape)} and '
                             f'{tuple(f.shape)}.')
        m = unwrap(model)
        with torch.no_grad():
            g_emb = m.embed(g)[0]
            d0 = self.distance(m, g_emb, f)[0]
        b = f.shape[0]
        first = torch.full((b,), -1, dtype=torch.long)
        snap = f.detach().clone()

        def track(i: int, x: Tensor) -> None:
            if not self.early_stop_on_success:
                return
            with torch.no_grad():
                d = self.distance(m, g_emb, x)[0]
            new = (d < self.threshold).cpu() & (first < 0)
            first[new] = i
            snap[new.to(snap.device)] = x.detach()[new.to(x.device)]

        with torch.enable_grad():
            adv = self.attack(m, g, f, track).detach()
        if self.early_stop_on_success:
            done = (first >= 0).to(adv.device)
            adv = torch.where(done[:, None, None, None], snap, adv)
        with torch.no_grad():
            d = self.distance(m, g_emb, adv)[0]
            q = torch.round(adv.clamp(0, 1) * 255) / 255
            dq = self.distance(m, g_emb, q)[0]
        out = []
        for i in range(b):
            r = dict(adv=adv[i].cpu(), orig=f[i].detach().cpu(), d0=float(d0[i]),
                     d=float(d[i]), d_quantized=float(dq[i]), threshold=self.threshold,
                     success=bool(d[i] < self.threshold),
                     success_quantized=bool(dq[i] < self.threshold),
                     first_success_iter=int(first[i]))
            if meta is not None:
                r.update(meta[i])
            out.append(r)
        return out
