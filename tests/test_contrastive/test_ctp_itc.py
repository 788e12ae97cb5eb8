# Copyright (c) mmcontrast contributors. All rights reserved.
"""CTP's contrast terms (ctp.md §3) on :func:`info_nce_loss`, against float64 loops.

``L_itc = [CE(v ag(w)^T / T, lbl) + CE(w ag(v)^T / T, lbl)] / 2`` is
``info_nce_loss(v, w, T, symmetric=True, gather=True)``;
``L_queue = [CE(v [w_c; Qw]^T / T, arange) + CE(w [v_c; Qv]^T / T, arange)] / 2`` is the
mean of one ``info_nce_loss(v, w_c, queue=Qw)`` per direction (hard targets). The
2-rank gather of ``L_itc`` is covered in ``test_gather_dist.py`` (case 'itc').
"""
import pytest
import torch
import torch.nn.functional as F

from mmcontrast.contrastive.losses import info_nce_loss

T = 0.07


def _ce_rows(a, cols, t):
    """mean_i -log softmax(a_i cols^T / t)[i] written per row."""
    out = []
    for i in range(a.shape[0]):
        logits = torch.stack([a[i] @ cols[j] / t for j in range(cols.shape[0])])
        out.append(-(logits[i] - torch.log(torch.exp(logits).sum())))
    return torch.stack(out).mean()


def _feats(b=4, q=6, d=8):
    g = torch.Generator().manual_seed(0)
    return [F.normalize(torch.randn(n, d, generator=g, dtype=torch.float64), dim=1)
            for n in (b, b, b, b, q, q)]


def test_itc_and_queue_match_loops():
    v, w, v_c, w_c, qv, qw = _feats()
    itc = info_nce_loss(v, w, temperature=T, symmetric=True, gather=True)
    ref = (_ce_rows(v, w, T) + _ce_rows(w, v, T)) / 2
    torch.testing.assert_close(itc, ref, atol=1e-12, rtol=0)
    queue = (info_nce_loss(v, w_c, queue=qw, temperature=T)
             + info_nce_loss(w, v_c, queue=qv, temperature=T)) / 2
    ref = (_ce_rows(v, torch.cat([w_c, qw]), T) + _ce_rows(w, torch.cat([v_c, qv]), T)) / 2
    torch.testing.assert_close(queue, ref, atol=1e-12, rtol=0)


def test_itc_direction_matches_cross_entropy_peer():
    # (pytorch-metric-learning 2.9's NTXentLoss returns 0 when called with ref_emb, so the
    # peer here is torch's cross-entropy on the (B, N) logits, as the official code computes)
    v, w = _feats()[:2]
    peer = F.cross_entropy(v @ w.t() / T, torch.arange(4))
    torch.testing.assert_close(info_nce_loss(v, w, temperature=T), peer, atol=1e-12, rtol=0)


def test_single_row_and_gradients_finite():
    v, w, v_c, w_c, qv, qw = _feats(b=1)
    v.requires_grad_()
    loss = info_nce_loss(v, w, temperature=T, symmetric=True) + info_nce_loss(
        v, w_c, queue=qw, temperature=T)
    loss.backward()
    assert torch.isfinite(loss) and torch.isfinite(v.grad).all()
    # N = 1 in-batch: the only column is the positive, CE = 0
    assert info_nce_loss(v, w, temperature=T).item() == pytest.approx(0, abs=1e-12)
