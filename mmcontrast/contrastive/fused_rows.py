# Copyright (c) mmcontrast contributors. All rights reserved.
"""Fused row-wise contrastive reductions with analytic gradients.

The dense part of SupCon, InfoNCE and SMMCL's negatives-only SupCon is a
row-wise reduction of the logits ``S = a @ k.T``: a log-sum-exp over all
columns but a few excluded ones, or ``sum_p softplus(L_i - S_ip)`` over the
positives with ``L_i`` the log-sum-exp over the negatives. Written with
autograd these keep several (n, M) intermediates and run ~20 full-matrix
passes; here the forward computes the loss rows *and* the gradient matrix
``dloss/dS`` block by block and saves only that matrix, so the backward is
two matmuls. ``benchmarks/losses.py`` measures the effect (``docs/benchmarks.md``).
"""
from typing import Optional

import torch
import torch.nn.functional as F
from torch import Tensor


def _block_rows(n: int, m: int, device: torch.device) -> int:
    """Rows per internal block: ~4M logits on CPU (few large ops, cache-friendly), all on GPU."""
    if device.type != 'cpu':
        return max(1, min(n, (1 << 28) // max(m, 1)))
    return max(8, min(n, (1 << 22) // max(m, 1)))


class _FusedRows(torch.autograd.Function):
    """Fused per-row log-sum-exp / negatives-only terms with an analytic gradient.

    ``forward(a, k, la, lk, excluded, negatives_only)`` returns (n,);
    ``excluded`` is (n, E) columns left out of row i (-1 = none):

    * plain: ``lse_i = log sum_{j not excluded} exp(S_ij)``, ``S = a @ k.T``;
      ``dlse_i/dS_ij = softmax_ij``.
    * negatives-only: ``sum_{p in P(i)} softplus(L_i - S_ip)`` with ``L_i``
      the log-sum-exp over negatives; the gradient is ``-sigmoid(L_i - S_ip)``
      on positives and ``c_i softmax_neg_ij`` on negatives, with
      ``c_i = sum_p sigmoid(L_i - S_ip)``.

    The (n, M) gradient matrix G is built in the forward block by block (so
    the ~10 elementwise passes run on cache-sized blocks rather than the whole
    matrix) and saved in place of the logits; the backward is two matmuls.
    Why custom: autograd of the same expression keeps several (n, M)
    intermediates and runs ~3x more full-matrix passes (see
    ``docs/benchmarks.md``).
    """

    @staticmethod
    def forward(ctx, a: Tensor, k: Tensor, la: Optional[Tensor],
                lk: Optional[Tensor], excluded: Optional[Tensor],
                negatives_only: bool) -> Tensor:
        n, m = a.shape[0], k.shape[0]
        grad = a.new_empty(n, m)
        out = a.new_empty(n)
        kt = k.t()
        neg_inf = float('-inf')
        tiny = torch.finfo(a.dtype).tiny
        block = _block_rows(n, m, a.device)
        for r0 in range(0, n, block):
            r1 = min(r0 + block, n)
            s = a[r0:r1] @ kt
            rows = cols = None
            if excluded is not None:
                sc = excluded[r0:r1]
                rows, slot = torch.nonzero(sc >= 0, as_tuple=True)
                cols = sc[rows, slot]
                if rows.numel() == 0:
                    rows = cols = None
            if not negatives_only:
                if rows is not None:
                    s[rows, cols] = neg_inf
                mx = s.amax(1, keepdim=True)
                mx = torch.where(torch.isfinite(mx), mx, torch.zeros_like(mx))
                s.sub_(mx).exp_()
                z = s.sum(1, keepdim=True)
                out[r0:r1] = (z.log() + mx)[:, 0]
                grad[r0:r1] = s.div_(z.clamp_min(tiny))
                continue
            same = la[r0:r1, None] == lk[None, :]
            not_neg = same
            if rows is not None:
                not_neg = same.clone()
                not_neg[rows,
                        cols] = True  # excluded pairs are never negatives
            q = s.masked_fill(not_neg, neg_inf)
            mx = q.amax(1, keepdim=True)
            mx = torch.where(torch.isfinite(mx), mx, torch.zeros_like(mx))
            q.sub_(mx).exp_()
            z = q.sum(1, keepdim=True)
            lneg = z.log(
            ) + mx  # -inf without negatives: every positive gives softplus(-inf) = 0
            q.div_(
                z.clamp_min(tiny))  # softmax over the negatives, 0 elsewhere
            u = torch.sub(lneg, s, out=s)
            sp = F.softplus(
                u, threshold=50.).mul_(
                    same)  # exact to e^-50, no overflow in fp32
            if rows is not None:
                sp[rows, cols] = 0  # nor positives
            out[r0:r1] = sp.sum(1)
            g_pos = sp.neg_().expm1_(
            )  # -sigmoid(L - S) on positives, 0 elsewhere
            c = g_pos.sum(1, keepdim=True).neg_()
            grad[r0:r1] = g_pos.add_(q.mul_(c))
        ctx.save_for_backward(a, k, grad)
        return out

    @staticmethod
    @torch.autograd.function.once_differentiable
    def backward(ctx, g: Tensor):
        a, k, grad = ctx.saved_tensors
        ga = gk = None
        if ctx.needs_input_grad[0]:
            ga = (grad @ k) * g[:, None]
        if ctx.needs_input_grad[1]:
            gk = grad.t() @ (a * g[:, None])
        return ga, gk, None, None, None, None


def _excluded(exclude: Optional[Tensor]) -> Optional[Tensor]:
    if exclude is None:
        return None
    return exclude[:, None] if exclude.dim() == 1 else exclude


def masked_row_logsumexp(a: Tensor,
                         k: Tensor,
                         exclude: Optional[Tensor] = None) -> Tensor:
    """``log sum_j exp(a_i . k_j)`` over the columns j not excluded for row i.

    Args:
        a (Tensor): (n, D) rows (already scaled by 1/temperature).
        k (Tensor): (M, D) columns.
        exclude (Tensor, optional): (n,) or (n, E) long column indices left
            out of row i; -1 entries exclude nothing. Defaults to None.

    Returns:
        Tensor: (n,); ``-inf`` for a row whose every column is excluded
        (its gradient is 0).
    """
    return _FusedRows.apply(a, k, None, None, _excluded(exclude), False)


def negatives_only_row_terms(a: Tensor,
                             k: Tensor,
                             la: Tensor,
                             lk: Tensor,
                             exclude: Optional[Tensor] = None) -> Tensor:
    """``sum_{p: lk_p == la_i} softplus(L_i - S_ip)``, ``L_i = logsumexp_{n: lk_n != la_i} S_in``.

    Args:
        a (Tensor): (n, D) rows (already scaled by 1/temperature).
        k (Tensor): (M, D) columns.
        la (Tensor): (n,) row labels.
        lk (Tensor): (M,) column labels.
        exclude (Tensor, optional): (n,) or (n, E) columns that are neither
            positives nor negatives of row i (-1 = none). Defaults to None.

    Returns:
        Tensor: (n,) per-row sums (0 for rows without positives; a row
        without negatives gives 0 for every positive).
    """
    return _FusedRows.apply(a, k, la, lk, _excluded(exclude), True)
