# Copyright (c) mmcontrast contributors. All rights reserved.
"""Gradient baselines of FP-attack (fpattack.md §3, §7.2-7.3).

Written here rather than run through ``torchattacks``: the baselines must act
on the verifier distance d (or the port's contrastive loss for the legacy
sign), add style/TV terms (PGDStyle), support ink-only masks and the legacy
[-1, 1] VMI scaling, and sum per-pair losses so that B pairs in a batch equal
B single runs. torchattacks' classifier attacks average a cross-entropy over
the batch and fix the input domain, so a verifier-as-classifier wrapper
reproduces only FGSM/PGD signs and not the rest; one loop here serves all.

Default ``objective='decrease_distance'``: step down the per-pair distance d.
``legacy_sign=True``: the official direction, ascending the port loss with
y = 0, i.e. ascending d² (FGSM, I-FGSM, MIM, PGD, VMI), ascending
contrastive + style + TV (PGDStyle) — all *increase* d (§7.2).
"""
import torch
from mmengine.registry import TASK_UTILS

from .base import BaseFPAttack
from .terms import gram, style_loss, tv_loss


class _SignBaseline(BaseFPAttack):
    """Iterative sign-gradient attack inside an L∞ ε-ball, x in [0, 1].

    Args:
        eps (float): L∞ radius. Defaults to 0.05.
        alpha (float): step. Defaults to 0.01.
        iters (int): Defaults to 50.
        momentum (float): μ (MIM/VMI; 0 = none). Defaults to 0.
        objective (str): 'decrease_distance' (only choice besides legacy).
        legacy_sign (bool): the official (wrong) direction. Defaults to False.
        ink_only (bool): update only pixels with f > 125/255. Defaults to False.
        threshold (float): τ.
    """

    def __init__(self, eps: float = 0.05, alpha: float = 0.01, iters: int = 50,
                 momentum: float = 0., objective: str = 'decrease_distance',
                 legacy_sign: bool = False, ink_only: bool = False,
                 threshold: float = 0.0314, early_stop_on_success: bool = False) -> None:
        super().__init__(threshold, iters, early_stop_on_success)
        if objective != 'decrease_distance':
            raise ValueError(f"{type(self).__name__} objective must be 'decrease_distance' "
                             f'(use legacy_sign=True for the official sign), got {objective!r}.')
        self.eps, self.alpha, self.momentum = eps, alpha, momentum
        self.legacy_sign, self.ink_only = legacy_sign, ink_only

    def objective(self, model, x, f, g_emb, target):
        """(B,) per-pair quantity to DEcrease (legacy: the one the code ascends, negated)."""
        d = self.distance(model, g_emb, x)[0]
        # port loss with y=0 is d^2 (alpha=1); the official code ascends it
        return -d.pow(2) if self.legacy_sign else d

    def grad(self, model, x, f, g_emb, target):
        x = x.detach().requires_grad_(True)
        obj = self.objective(model, x, f, g_emb, target).sum()
        return torch.autograd.grad(obj, x)[0]

    def targets(self, model, g):
        return None

    def step_count(self):
        return self.iters

    def attack(self, model, g, f, track):
        with torch.no_grad():
            g_emb = model.embed(g)[0]
        target = self.targets(model, g)
        mask = (f > 125 / 255).to(f.dtype) if self.ink_only else torch.ones_like(f)
        x, mom = f.detach().clone(), torch.zeros_like(f)
        for i in range(self.step_count()):
            grad = self.direction(model, x, f, g_emb, target)
            if self.momentum:
                grad = grad / grad.abs().mean(dim=(1, 2, 3), keepdim=True).clamp_min(1e-12)
                mom = self.momentum * mom + grad
                grad = mom
            x = x - self.step_size() * grad.sign() * mask
            x = (f + (x - f).clamp(-self.eps, self.eps)).clamp(0, 1).detach()
            track(i, x)
        return x

    def direction(self, model, x, f, g_emb, target):
        return self.grad(model, x, f, g_emb, target)

    def step_size(self):
        return self.alpha


@TASK_UTILS.register_module()
class FGSM(_SignBaseline):
    """FGSM (Goodfellow et al., ICLR 2015): one step of size ε."""

    def step_count(self):
        return 1

    def step_size(self):
        return self.eps


@TASK_UTILS.register_module()
class IFGSM(_SignBaseline):
    """I-FGSM (Kurakin et al., 2017): ``iters`` steps of α, projected to the ε-ball."""


@TASK_UTILS.register_module()
class MIM(_SignBaseline):
    """MI-FGSM (Dong et al., CVPR 2018): momentum μ = 0.9 on L1-normalised gradients."""

    def __init__(self, momentum: float = 0.9, **kwargs) -> None:
        super().__init__(momentum=momentum, **kwargs)


@TASK_UTILS.register_module()
class PGD(_SignBaseline):
    """PGD (Madry et al., ICLR 2018) without random start (deterministic, as
    compared in the spec); ``ink_only=True`` edits only ink pixels (f > 125/255)."""


@TASK_UTILS.register_module()
class PGDStyle(PGD):
    """PGD on d + style + TV terms of :class:`StyleTransferFPAttack`
    (legacy: the official code ascends contrastive + style + TV).

    Args:
        w_style (float): Defaults to 1e11. w_tv (float): Defaults to 100.
        taps (tuple): Defaults to conv1..conv4.
    """

    def __init__(self, w_style: float = 1e11, w_tv: float = 100.,
                 taps=('conv1', 'conv2', 'conv3', 'conv4'), **kwargs) -> None:
        super().__init__(**kwargs)
        self.w_style, self.w_tv, self.taps = w_style, w_tv, tuple(taps)

    def targets(self, model, g):
        with torch.no_grad():
            return {t: gram(v) for t, v in model.embed(g, self.taps)[1].items()}

    def objective(self, model, x, f, g_emb, target):
        d, feats = self.distance(model, g_emb, x, self.taps)
        extra = self.w_style * style_loss(feats, target, self.taps) + self.w_tv * tv_loss(x)
        return -(d.pow(2) + extra) if self.legacy_sign else d + extra


@TASK_UTILS.register_module()
class VMIFGSM(_SignBaseline):
    """VMI-FGSM (Wang and He, CVPR 2021): momentum on gradient + variance
    v = mean of N gradients sampled in a β·ε neighbourhood minus the gradient.

    ``legacy_scaling=True`` reproduces §7.3: the victim sees 2x-1 and
    ε = 0.05/255*2 (α = ε/iters).

    Args:
        n_samples (int): N. Defaults to 5.
        beta (float): Defaults to 1.5.
        seed (int): seed of the neighbourhood samples. Defaults to 3407.
    """

    def __init__(self, n_samples: int = 5, beta: float = 1.5, momentum: float = 0.9,
                 legacy_scaling: bool = False, seed: int = 3407, **kwargs) -> None:
        super().__init__(momentum=momentum, **kwargs)
        self.n_samples, self.beta, self.legacy_scaling, self.seed = n_samples, beta, \
            legacy_scaling, seed
        if legacy_scaling:
            self.eps = 0.05 / 255 * 2
            self.alpha = self.eps / max(self.iters, 1)

    def objective(self, model, x, f, g_emb, target):
        return super().objective(model, 2 * x - 1 if self.legacy_scaling else x, f, g_emb,
                                 target)

    def attack(self, model, g, f, track):
        # one generator per pair, all seeded alike: a pair draws the same
        # neighbourhood noise whether it is attacked alone or in a batch
        self._gens = [torch.Generator(device='cpu').manual_seed(self.seed)
                      for _ in range(f.shape[0])]
        self._v = torch.zeros_like(f)
        return super().attack(model, g, f, track)

    def direction(self, model, x, f, g_emb, target):
        grad = self.grad(model, x, f, g_emb, target)
        out = grad + self._v
        r = self.beta * self.eps
        acc = torch.zeros_like(x)
        for _ in range(self.n_samples):
            noise = torch.cat([torch.rand((1, ) + tuple(x.shape[1:]), generator=gen)
                               for gen in self._gens]).to(x) * 2 - 1
            noise = noise * r
            acc += self.grad(model, x + noise, f, g_emb, target)
        self._v = acc / self.n_samples - grad
        return out
