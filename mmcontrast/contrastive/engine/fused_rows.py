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
from typing import Optional, Tuple

import torch
import torch.nn.functional as F
from torch import Tensor


def _block_rows(n: int, m: int, device: torch.device) -> int:
    """Rows per internal block: ~4M logits on CPU (few large ops, cache-friendly), all on GPU."""
    if device.type != 'cpu':
        return max(1, min(n, (1 << 28) // max(m, 1)))
    return max(8, min(n, (1 << 22) // max(m, 1)))


def _rows_and_grad(a: Tensor, k: Tensor, la: Optional[Tensor],
                   lk: Optional[Tensor], excluded: Optional[Tensor],
                   negatives_only: bool) -> Tuple[Tensor, Tensor]:
    """(n,) row values and the (n, M) matrix of their gradients w.r.t. S."""
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
            not_neg[rows, cols] = True  # excluded pairs are never negatives
        q = s.masked_fill(not_neg, neg_inf)
        mx = q.amax(1, keepdim=True)
        mx = torch.where(torch.isfinite(mx), mx, torch.zeros_like(mx))
        q.sub_(mx).exp_()
        z = q.sum(1, keepdim=True)
        lneg = z.log(
        ) + mx  # -inf without negatives: every positive gives softplus(-inf) = 0
        q.div_(z.clamp_min(tiny))  # softmax over the negatives, 0 elsewhere
        u = torch.sub(lneg, s, out=s)
        sp = F.softplus(
            u, threshold=50.).mul_(same)  # exact to e^-50, no overflow in fp32
        if rows is not None:
            sp[rows, cols] = 0  # nor positives
        out[r0:r1] = sp.sum(1)
        g_pos = sp.neg_().expm1_()  # -sigmoid(L - S) on positives, 0 elsewhere
        c = g_pos.sum(1, keepdim=True).neg_()
        grad[r0:r1] = g_pos.add_(q.mul_(c))
    return out, grad


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
        out, grad = _rows_and_grad(a, k, la, lk, excluded, negatives_only)
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


class _StreamedWeightedRows(torch.autograd.Function):
    """``sum_i w_i * row_i`` over row chunks, gradients accumulated in the forward.

    Each chunk's (chunk, M) gradient block is multiplied by its weights and
    immediately contracted into ``dL/da`` (chunk, D) and ``dL/dk`` (M, D);
    only those are saved, so memory is O(chunk * M + (N + M) * D) and the
    total work is three matmuls per chunk (the floor), with no recomputation
    as under checkpointing. Rows with weight 0 are skipped in the sum (their
    value may be -inf).
    """

    @staticmethod
    def forward(ctx, a: Tensor, k: Tensor, la: Optional[Tensor],
                lk: Optional[Tensor], excluded: Optional[Tensor],
                negatives_only: bool, weights: Tensor,
                chunk_size: int) -> Tensor:
        need_a, need_k = ctx.needs_input_grad[0], ctx.needs_input_grad[1]
        ga = torch.zeros_like(a) if need_a else None
        gk = torch.zeros_like(k) if need_k else None
        total = a.new_zeros(())
        for c0 in range(0, a.shape[0], chunk_size):
            c1 = min(c0 + chunk_size, a.shape[0])
            ex = excluded[c0:c1] if excluded is not None else None
            lab = la[c0:c1] if la is not None else None
            out, grad = _rows_and_grad(a[c0:c1], k, lab, lk, ex,
                                       negatives_only)
            w = weights[c0:c1].to(out.dtype)
            nz = w != 0
            total += torch.where(nz, out, out.new_zeros(())).mul(w).sum()
            if need_a or need_k:
                grad.mul_(w[:, None])
                if need_a:
                    ga[c0:c1] = grad @ k
                if need_k:
                    gk.addmm_(grad.t(), a[c0:c1])
        ctx.save_for_backward(ga, gk)
        return total

    @staticmethod
    @torch.autograd.function.once_differentiable
    def backward(ctx, g: Tensor):
        ga, gk = ctx.saved_tensors
        return (ga * g if ga is not None else None,
                gk * g if gk is not None else None, None, None, None, None,
                None, None)


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


def weighted_row_sum(a: Tensor,
                     k: Tensor,
                     weights: Tensor,
                     la: Optional[Tensor] = None,
                     lk: Optional[Tensor] = None,
                     exclude: Optional[Tensor] = None,
                     negatives_only: bool = False,
                     chunk_size: Optional[int] = None) -> Tensor:
    """``sum_i w_i * row_i`` of :func:`masked_row_logsumexp` or :func:`negatives_only_row_terms`.

    With ``chunk_size`` the rows are streamed in chunks and the gradients
    accumulated during the forward (see ``_StreamedWeightedRows``): memory
    ``chunk_size x M`` and no recomputation. ``weights`` are constants (no
    gradient); rows with weight 0 are left out of the sum.

    Args:
        a (Tensor): (n, D) rows (already scaled by 1/temperature).
        k (Tensor): (M, D) columns.
        weights (Tensor): (n,) row weights.
        la (Tensor, optional): (n,) row labels (negatives-only).
        lk (Tensor, optional): (M,) column labels (negatives-only).
        exclude (Tensor, optional): (n,) or (n, E) excluded columns.
        negatives_only (bool): Which row term. Defaults to False.
        chunk_size (int, optional): Rows per chunk; None for one pass.

    Returns:
        Tensor: scalar.
    """
    weights = weights.detach()
    excluded = _excluded(exclude)
    if chunk_size is None or a.shape[0] <= chunk_size:
        out = _FusedRows.apply(a, k, la, lk, excluded, negatives_only)
        nz = weights != 0
        return torch.where(nz, out, out.new_zeros(
            ())).mul(weights.to(out.dtype)).sum()
    return _StreamedWeightedRows.apply(a, k, la, lk, excluded, negatives_only,
                                       weights, int(chunk_size))
