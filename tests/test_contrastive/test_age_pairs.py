# Copyright (c) mmcontrast contributors. All rights reserved.
"""Tests of Age's in-batch miners (age.md §3, §9) against per-pair loops."""
import itertools

import pytest
import torch
import torch.nn.functional as F

from mmcontrast.contrastive.losses import triplet_margin_loss
from mmcontrast.contrastive.miners import age_pair_masks, all_triplets, hardest_triplets


def _batch():
    # 4 subjects; subject 3 has a single image (no same-subject negative)
    subjects = torch.tensor([0, 0, 0, 1, 1, 1, 2, 2, 3])
    ages = torch.tensor([10, 20, 31, 10, 22, 30, 20, 40, 55])
    return ages, subjects


def _naive(ages, subjects, dp, dn, valid, neg_mode, widen):
    n = len(ages)
    pos = torch.zeros(n, n, dtype=torch.bool)
    neg = torch.zeros(n, n, dtype=torch.bool)
    for i in range(n):
        others = [j for j in range(n) if j != i and valid[i] and valid[j]]
        p = [j for j in others if subjects[j] != subjects[i] and abs(ages[i] - ages[j]) <= dp]
        if widen and not p:
            cand = [j for j in others if subjects[j] != subjects[i]]
            if cand:
                best = min(abs(ages[i] - ages[j]) for j in cand)
                p = [j for j in cand if abs(ages[i] - ages[j]) == best]
        same = [j for j in others if subjects[j] == subjects[i] and abs(ages[i] - ages[j]) >= dn]
        anyn = [j for j in others if abs(ages[i] - ages[j]) >= dn]
        q = {'same_subject': same, 'any': anyn,
             'same_subject_then_any': same if same else anyn}[neg_mode]
        pos[i, p] = True
        neg[i, q] = True
    return pos, neg


@pytest.mark.parametrize('neg_mode', ['same_subject', 'same_subject_then_any', 'any'])
@pytest.mark.parametrize('widen', [False, True])
@pytest.mark.parametrize('masked', [False, True])
def test_masks_match_loops(neg_mode, widen, masked):
    ages, subjects = _batch()
    valid = torch.ones(9, dtype=torch.bool)
    if masked:
        valid[4] = False
    pos, neg = age_pair_masks(ages, subjects, 2, 5, valid if masked else None, neg_mode, widen)
    ref = _naive(ages.tolist(), subjects.tolist(), 2, 5, valid.tolist(), neg_mode, widen)
    assert torch.equal(pos, ref[0]) and torch.equal(neg, ref[1])
    # spec invariants: positives never share the subject, same-subject negatives differ in age
    assert not (pos & (subjects[:, None] == subjects[None, :])).any()
    if neg_mode == 'same_subject':
        assert (subjects[:, None] == subjects[None, :])[neg].all()
    assert not pos[~valid].any() and not neg[:, ~valid].any()


def test_default_deltas_and_fallbacks():
    ages, subjects = _batch()
    pos, neg = age_pair_masks(ages, subjects)  # delta_pos = 0, delta_neg = 5
    assert pos[0].nonzero().flatten().tolist() == [3]  # subject 1 at age 10
    assert pos[1].nonzero().flatten().tolist() == [6]  # subject 2 at age 20
    assert not pos[2].any()  # nobody else at 31 with delta_pos = 0
    pos_w, _ = age_pair_masks(ages, subjects, widen_positive=True)
    assert pos_w[8].nonzero().flatten().tolist() == [7]  # 55 -> nearest other age 40
    _, neg_s = age_pair_masks(ages, subjects, neg_mode='same_subject')
    _, neg_f = age_pair_masks(ages, subjects, neg_mode='same_subject_then_any')
    assert not neg_s[8].any() and neg_f[8].sum() == 8  # single-image subject falls back


def test_triplets_and_loss_over_valid_anchors():
    ages, subjects = _batch()
    pos, neg = age_pair_masks(ages, subjects, 2, 5, widen_positive=True)
    a, p, n = all_triplets(pos, neg)
    ref = [(i, j, k) for i, j, k in itertools.product(range(9), repeat=3)
           if pos[i, j] and neg[i, k]]
    assert list(zip(a.tolist(), p.tolist(), n.tolist())) == ref and len(ref) > 0
    g = torch.Generator().manual_seed(0)
    emb = F.normalize(torch.randn(9, 4, generator=g, dtype=torch.float64), dim=1)
    dist = torch.cdist(emb, emb)
    hp, hn, valid = hardest_triplets(dist, pos, neg)
    for i in range(9):
        ps = [j for j in range(9) if pos[i, j]]
        ns = [k for k in range(9) if neg[i, k]]
        assert bool(valid[i]) == bool(ps and ns)
        if ps and ns:
            assert dist[i, hp[i]] == max(dist[i, j] for j in ps)
            assert dist[i, hn[i]] == min(dist[i, k] for k in ns)
    assert not valid[8]  # single-image subject: no same-subject negative
    loss = triplet_margin_loss(emb, emb[hp], emb[hn], 0.2, valid=valid)
    ref = torch.stack([
        torch.clamp((emb[i] - emb[hp[i]] + 1e-6).norm() - (emb[i] - emb[hn[i]] + 1e-6).norm()
                    + 0.2, min=0) for i in range(9) if valid[i]
    ]).mean()
    torch.testing.assert_close(loss, ref, atol=1e-12, rtol=0)


def test_validation():
    ages, subjects = _batch()
    with pytest.raises(ValueError, match='subjects must have 9'):
        age_pair_masks(ages, subjects[:3])
    with pytest.raises(ValueError, match='ages holds'):
        age_pair_masks(ages.double().index_fill(0, torch.tensor([1]), float('nan')), subjects)
    with pytest.raises(ValueError, match='neg_mode'):
        age_pair_masks(ages, subjects, neg_mode='other')
    with pytest.raises(ValueError, match='valid must have 9'):
        age_pair_masks(ages, subjects, valid=torch.ones(2, dtype=torch.bool))
