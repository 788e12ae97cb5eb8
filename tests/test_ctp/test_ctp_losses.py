# Copyright (c) mmcontrast contributors. All rights reserved.
"""CTP losses vs float64 loops (spec §8.1, §8.2, §8.5)."""
import math

import pytest
import torch
import torch.nn.functional as F

import mmcontrast.pretrain  # noqa: F401
from mmcontrast.contrastive.losses import relational_kl_loss
from mmcontrast.pretrain.models.multimodal import (CTPITCHead, TopologyPreservationLoss,
                                                   mlm_distill_loss, mlm_loss)

T = 0.07


def _feats(b=4, d=8, seed=0):
    g = torch.Generator().manual_seed(seed)
    return [F.normalize(torch.randn(b, d, generator=g, dtype=torch.float64), dim=1)
            for _ in range(4)]


def _ce_row(logits, target):
    return -(logits[target] - math.log(sum(math.exp(x) for x in logits)))


def _loop_ce(q, cols, targets):
    rows = []
    for i in range(q.shape[0]):
        logits = [float(q[i] @ c) / T for c in cols]
        rows.append(_ce_row(logits, targets[i]))
    return sum(rows) / len(rows)


def test_in_batch_itc_matches_loop_and_ntxent():
    v, w, _, _ = _feats()
    out = CTPITCHead(use_queue=False).loss(v, w)
    ref = (_loop_ce(v, list(w), range(4)) + _loop_ce(w, list(v), range(4))) / 2
    assert out['loss_itc'].dtype == torch.float64
    assert out['loss_itc'].item() == pytest.approx(ref, rel=1e-10)
    from pytorch_metric_learning.losses import NTXentLoss
    lab = torch.arange(4)
    ntx = NTXentLoss(temperature=T)
    # a distinct ref_labels tensor (pml treats `ref_labels is labels` as one set)
    i2t = ntx(v, lab, ref_emb=w, ref_labels=lab.clone())
    t2i = ntx(w, lab, ref_emb=v, ref_labels=lab.clone())
    assert out['loss_itc'].item() == pytest.approx(((i2t + t2i) / 2).item(), rel=1e-6)


def test_queue_itc_hard_targets_matches_loop():
    v, w, v_m, w_m = _feats()
    qi, qt = _feats(b=6, seed=1)[:2]
    out = CTPITCHead().loss(v, w, v_m, w_m, qi, qt)
    i2t = _loop_ce(v, list(w_m) + list(qt), range(4))
    t2i = _loop_ce(w, list(v_m) + list(qi), range(4))
    assert out['loss_itc_queue'].item() == pytest.approx((i2t + t2i) / 2, rel=1e-10)


def _kl_loop(a, b, ra, rb, self_mask):
    total = 0.0
    for i in range(a.shape[0]):
        s = [float(a[i] @ b[j]) for j in range(b.shape[0])]
        r = [float(ra[i] @ rb[j]) for j in range(rb.shape[0])]
        if self_mask:
            s[i], r[i] = -1000.0, -1000.0
        s = [x / T for x in s]
        r = [x / T for x in r]
        ls, lr = math.log(sum(math.exp(x) for x in s)), math.log(sum(math.exp(x) for x in r))
        for x, y in zip(s, r):
            p = math.exp(y - lr)
            if p > 0:
                total += p * ((y - lr) - (x - ls))
    return total / a.shape[0]


def test_topology_loss_matches_loop():
    v, w, vr, wr = _feats()
    got = TopologyPreservationLoss()(v, w, vr, wr).item()
    ref = (_kl_loop(v, w, vr, wr, False) + _kl_loop(w, v, wr, vr, False)) / 2 + \
        (_kl_loop(v, v, vr, vr, True) + _kl_loop(w, w, wr, wr, True)) / 2
    assert got == pytest.approx(ref, rel=1e-8)


def test_kl_gradient_formula():
    """dKL/dS = (softmax(S/T) - softmax(R/T)) / (T * B)."""
    g = torch.Generator().manual_seed(3)
    s = torch.randn(4, 6, generator=g, dtype=torch.float64, requires_grad=True)
    r = torch.randn(4, 6, generator=g, dtype=torch.float64)
    eye = torch.eye(6, dtype=torch.float64)
    relational_kl_loss(s, eye, r, eye, temperature=T).backward()
    want = (F.softmax(s.detach() / T, 1) - F.softmax(r / T, 1)) / (T * 4)
    torch.testing.assert_close(s.grad, want, rtol=1e-9, atol=1e-12)


def test_mlm_losses_match_loop_and_empty_mask_is_finite():
    g = torch.Generator().manual_seed(4)
    logits = torch.randn(2, 5, 7, generator=g, dtype=torch.float64, requires_grad=True)
    teacher = torch.randn(2, 5, 7, generator=g, dtype=torch.float64)
    tgt = torch.full((2, 5), -100)
    tgt[0, 1], tgt[1, 3], tgt[1, 4] = 2, 6, 0
    pos = [(0, 1), (1, 3), (1, 4)]
    ce = sum(-F.log_softmax(logits[i, j].detach(), -1)[tgt[i, j]] for i, j in pos) / 3
    kd = sum(-(F.softmax(teacher[i, j], -1) * F.log_softmax(logits[i, j].detach(), -1)).sum()
             for i, j in pos) / 3
    assert mlm_loss(logits, tgt).item() == pytest.approx(ce.item(), rel=1e-10)
    assert mlm_distill_loss(logits, teacher, tgt).item() == pytest.approx(kd.item(), rel=1e-10)
    none = torch.full((2, 5), -100)
    for loss in (mlm_loss(logits, none), mlm_distill_loss(logits, teacher, none)):
        assert torch.isfinite(loss) and loss.item() == 0
        loss.backward()  # still in the graph
    assert torch.isfinite(logits.grad).all()


def test_single_sample_topology_is_zero():
    v, w, vr, wr = [x[:1].float() for x in _feats()]
    loss = TopologyPreservationLoss()(v, w, vr, wr)
    assert torch.isfinite(loss) and abs(loss.item()) < 1e-7
