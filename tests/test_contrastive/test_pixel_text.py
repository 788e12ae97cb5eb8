# Copyright (c) mmcontrast contributors. All rights reserved.
"""Tests of the align-guided pixel-text contrastive loss (ICPC)."""
import math

import pytest
import torch
import torch.nn.functional as F

from mmcontrast.contrastive.losses import AlignGuidedContrastiveLoss, align_guided_contrastive
from mmcontrast.contrastive.samplers import downsample_labels


def naive_agc(score, label, tau, k, ignore=255):
    """Per-pixel Python loop in float64: sort negatives, keep the top k."""
    B, K, h, w = score.shape
    y = downsample_labels(label, (h, w))
    total, n = 0.0, 0
    for b in range(B):
        for i in range(h):
            for j in range(w):
                c = int(y[b, i, j])
                if c == ignore or c >= K:
                    continue
                z = [float(score[b, q, i, j]) / tau for q in range(K)]
                negs = sorted([z[q] for q in range(K) if q != c], reverse=True)
                negs = negs if k is None else negs[:k]
                logits = [z[c]] + negs
                m = max(logits)
                lse = m + math.log(sum(math.exp(v - m) for v in logits))
                total += lse - z[c]
                n += 1
    return total / n


def _data(seed=0, B=2, K=7, h=5, w=5, H=10, W=10):
    g = torch.Generator().manual_seed(seed)
    s = torch.rand(B, K, h, w, generator=g, dtype=torch.float64) * 2 - 1
    y = torch.randint(0, K, (B, H, W), generator=g)
    y[0, :3] = 255  # some ignored pixels
    return s, y


@pytest.mark.parametrize('k', [1, 3, 6, None])
def test_matches_naive_loop(k):
    s, y = _data()
    got = align_guided_contrastive([s], y, tau=0.07, topk_neg=k)
    assert abs(float(got) - naive_agc(s, y, 0.07, k)) < 1e-6


def test_all_negatives_is_cross_entropy_on_score_over_tau():
    s, y = _data(1)
    y_small = downsample_labels(y, s.shape[-2:])
    ref = F.cross_entropy(s / 0.07, y_small, ignore_index=255)
    got = align_guided_contrastive([s], y, tau=0.07, topk_neg=None)
    torch.testing.assert_close(got, ref, atol=1e-10, rtol=0)
    # k >= K - 1 also means "all".
    got_k = align_guided_contrastive([s], y, tau=0.07, topk_neg=50)
    torch.testing.assert_close(got_k, ref, atol=1e-10, rtol=0)
    # ... and the top-k path with k = K - 1 spelled out agrees.
    loss = AlignGuidedContrastiveLoss(neg_mode='all')
    torch.testing.assert_close(loss([s], y), ref.float().double(), atol=1e-6, rtol=0)


def test_gradcheck():
    s, y = _data(2, B=1, K=5, h=3, w=3, H=6, W=6)
    s.requires_grad_(True)
    assert torch.autograd.gradcheck(
        lambda x: align_guided_contrastive([x], y, tau=0.5, topk_neg=2), (s,))


def test_joint_class_permutation_invariance():
    s, y = _data(3)
    perm = torch.randperm(7, generator=torch.Generator().manual_seed(0))
    inv = torch.argsort(perm)
    y_p = y.clone()
    valid = y < 7
    y_p[valid] = inv[y[valid]]  # class c -> new id inv[c]; channel inv[c] = old c
    s_p = s[:, perm]
    a = align_guided_contrastive([s], y, topk_neg=3)
    b = align_guided_contrastive([s_p], y_p, topk_neg=3)
    torch.testing.assert_close(a, b, atol=1e-12, rtol=0)


def test_multi_scale_weighted_mean():
    s1, y = _data(4, h=5, w=5)
    s2 = torch.rand(2, 7, 10, 10, dtype=torch.float64)
    l1 = align_guided_contrastive([s1], y, topk_neg=3)
    l2 = align_guided_contrastive([s2], y, topk_neg=3)
    both = align_guided_contrastive([s1, s2], y, topk_neg=3)
    torch.testing.assert_close(both, (l1 + l2) / 2)
    w = align_guided_contrastive([s1, s2], y, topk_neg=3, scale_weights=[3, 1])
    torch.testing.assert_close(w, 0.75 * l1 + 0.25 * l2)
    last = AlignGuidedContrastiveLoss(topk_neg=3, scales='last', loss_weight=2.0)
    torch.testing.assert_close(last([s1, s2], y), 2 * l2.float().double(), atol=1e-6, rtol=0)


@pytest.mark.parametrize('case', ['all_ignore', 'one_class', 'large_ids', 'empty'])
def test_edge_cases_give_finite_zero_with_graph(case):
    s = torch.rand(2, 4, 3, 3, requires_grad=True)
    y = torch.randint(0, 4, (2, 6, 6))
    maps = [s]
    if case == 'all_ignore':
        y[:] = 255
    elif case == 'one_class':
        s = torch.rand(2, 1, 3, 3, requires_grad=True)
        maps = [s]
        y[:] = 0
    elif case == 'large_ids':
        y = torch.full((2, 6, 6), 65535, dtype=torch.int32)
    ignore = 65535 if case == 'large_ids' else 255
    loss_fn = AlignGuidedContrastiveLoss(topk_neg=2, ignore_index=ignore)
    loss = loss_fn(maps if case != 'empty' else [], y)
    assert torch.isfinite(loss) and float(loss) == 0.0
    if case != 'empty':
        loss.backward()
        assert s.grad is not None and torch.all(s.grad == 0)


def test_fp32_under_half_input():
    s, y = _data(5)
    got = align_guided_contrastive([s.half()], y, topk_neg=3)
    assert got.dtype == torch.float32
    ref = align_guided_contrastive([s.half().double()], y, topk_neg=3)
    assert abs(float(got) - float(ref)) < 1e-4


def test_loss_decreases_with_sgd():
    torch.manual_seed(0)
    s = torch.nn.Parameter(torch.randn(1, 5, 4, 4) * 0.1)
    y = torch.randint(0, 5, (1, 8, 8))
    opt = torch.optim.SGD([s], lr=0.05)
    loss_fn = AlignGuidedContrastiveLoss(topk_neg=2)
    first = float(loss_fn([s.tanh()], y))
    for _ in range(10):
        opt.zero_grad()
        loss_fn([s.tanh()], y).backward()
        opt.step()
    assert float(loss_fn([s.tanh()], y)) < first


@pytest.mark.parametrize('kwargs', [dict(tau=0), dict(neg_mode='hard'), dict(topk_neg=0),
                                    dict(scales='first'), dict(loss_name='agc')])
def test_bad_config_raises(kwargs):
    with pytest.raises(ValueError):
        AlignGuidedContrastiveLoss(**kwargs)
