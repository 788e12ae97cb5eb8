# Copyright (c) mmcontrast contributors. All rights reserved.
"""CLIP4Cir transforms, chunked ranking and metrics vs an independent argsort."""
import json

import numpy as np
import pytest
import torch
import torch.nn.functional as F

import mmcontrast.pretrain  # noqa: F401
from mmcontrast.pretrain.datasets.transforms import (FIQCaptionMerge, SquarePad, TargetPad,
                                                     fiq_caption_forms)
from mmcontrast.pretrain.evaluation import CIRRRecall, CIRRSubmission, FashionIQRecall
from mmcontrast.pretrain.models.retrievers.cir_ranking import rank_queries


def _pad(w, h, t=TargetPad(1.25)):
    img = np.full((h, w, 3), 255, np.uint8)
    return t(dict(img=img))['img']


def test_target_pad_on_spec_sizes():
    out = _pad(300, 100)
    assert out.shape[:2] == (240, 300)  # 70 black rows on top and at the bottom
    assert (out[:70] == 0).all() and (out[-70:] == 0).all() and (out[70:170] == 255).all()
    assert _pad(110, 100).shape[:2] == (100, 110)  # ratio 1.1 < 1.25: unchanged
    assert _pad(64, 64).shape[:2] == (64, 64)
    assert _pad(100, 300).shape[:2] == (300, 240)  # portrait pads columns
    sq = SquarePad()(dict(img=np.ones((30, 50, 3), np.uint8)))['img']
    assert sq.shape[:2] == (50, 50) and (sq[:10] == 0).all()


def test_fiq_caption_forms():
    forms = fiq_caption_forms(['is red.', ' has long sleeves?'])
    assert forms == ['Is red and has long sleeves', 'Has long sleeves and is red', 'Is red',
                     'Has long sleeves']
    assert FIQCaptionMerge(training=False)(dict(captions=['a', 'b']))['caption'] == 'A and b'
    seen = {FIQCaptionMerge()(dict(captions=['a', 'b']))['caption'] for _ in range(200)}
    assert seen == {'A and b', 'B and a', 'A', 'B'}


def _argsort_ranks(scores, tgt, remove=None, members=None):
    """Independent reference: full argsort per row."""
    s = scores.clone()
    if remove is not None:
        s[torch.arange(len(s)), remove] = float('-inf')
    order = s.argsort(dim=1, descending=True)
    ranks = [(order[i] == tgt[i]).nonzero().item() for i in range(len(s))]
    sub = None
    if members is not None:
        sub = []
        for i in range(len(s)):
            kept = [int(j) for j in order[i] if int(j) in members[i]]
            sub.append(kept.index(int(tgt[i])))
    return torch.tensor(ranks), sub


def _samples(res, tgt, ref, members, cat=None):
    out = []
    for i in range(len(tgt)):
        out.append(dict(target_rank=int(res['target_rank'][i]), tgt_idx=int(tgt[i]),
                        ref_idx=int(ref[i]), member_idx=members[i],
                        member_rank=res['member_rank'][i].tolist(), pairid=str(i),
                        pred_topk=res['topk'][i].tolist(),
                        category=0 if cat is None else int(cat[i])))
    return out


def test_cirr_recall_matches_argsort_with_reference_removed_and_subsets():
    torch.manual_seed(0)
    n_q, n_g = 37, 60
    q, g = F.normalize(torch.randn(n_q, 16), dim=1), F.normalize(torch.randn(n_g, 16), dim=1)
    ref = torch.randint(0, n_g, (n_q, ))
    tgt = (ref + 1 + torch.randint(0, n_g - 1, (n_q, ))) % n_g
    g[ref[0]] = q[0]  # the reference of query 0 scores highest ...
    g = F.normalize(g, dim=1)
    members = []
    for i in range(n_q):
        others = [j for j in torch.randperm(n_g).tolist() if j not in (ref[i], tgt[i])][:4]
        members.append([int(tgt[i])] + others)  # 5 members: the reference is not one
    mem = torch.tensor(members)
    res = rank_queries(q, g, tgt, ref, member_idx=mem, topk=50, chunk_size=8)
    want, want_sub = _argsort_ranks(q @ g.t(), tgt, ref, members)
    assert torch.equal(res['target_rank'], want)
    assert not (res['topk'] == ref[:, None]).any()  # the reference is never ranked
    m = CIRRRecall()
    m.process(None, _samples(res, tgt, ref, members))
    got = m.compute_metrics(m.results)
    for k in (1, 5, 10, 50):
        assert got[f'R@{k}'] == pytest.approx((want < k).float().mean().item() * 100)
    for k in (1, 2, 3):
        assert got[f'Rsubset@{k}'] == pytest.approx(
            np.mean([r < k for r in want_sub]) * 100)
    assert got['avg'] == pytest.approx((got['R@5'] + got['Rsubset@1']) / 2)


def test_reference_first_target_second_is_a_hit_at_one():
    g = torch.eye(3)
    q = F.normalize(torch.tensor([[1.0, 0.5, 0.0]]), dim=1)  # ref (0) first, target (1) second
    res = rank_queries(q, g, torch.tensor([1]), torch.tensor([0]),
                       member_idx=torch.tensor([[1, 2]]))
    assert res['target_rank'].tolist() == [0]
    m = CIRRRecall()
    m.process(None, _samples(res, [1], [0], [[1, 2]]))
    assert m.compute_metrics(m.results)['R@1'] == 100.
    # without removing the reference (FashionIQ) the same query misses at 1
    assert rank_queries(q, g, torch.tensor([1]))['target_rank'].tolist() == [1]


def test_fashioniq_keeps_reference_and_groups_by_category():
    torch.manual_seed(1)
    q, g = F.normalize(torch.randn(30, 8), dim=1), F.normalize(torch.randn(45, 8), dim=1)
    g_cat = torch.arange(45) // 15
    cat = torch.arange(30) % 3
    tgt = cat * 15 + torch.randint(0, 15, (30, ))
    res = rank_queries(q, g, tgt, None, cat, g_cat, topk=10, chunk_size=7)
    s = q @ g.t()
    s[cat[:, None] != g_cat[None, :]] = float('-inf')
    want, _ = _argsort_ranks(s, tgt)
    assert torch.equal(res['target_rank'], want)
    assert (g_cat[res['topk']] == cat[:, None]).all()
    m = FashionIQRecall(topk=(10, 50), categories=('dress', 'shirt', 'toptee'))
    m.process(None, [dict(target_rank=int(r), tgt_idx=int(t), category=int(c), pairid=i)
                     for i, (r, t, c) in enumerate(zip(res['target_rank'], tgt, cat))])
    got = m.compute_metrics(m.results)
    for c, name in enumerate(('dress', 'shirt', 'toptee')):
        assert got[f'{name}_R@10'] == pytest.approx((want[cat == c] < 10).float().mean() * 100)
    assert got['score'] == pytest.approx((got['mean_R@10'] + got['mean_R@50']) / 2)


def test_metric_requires_exactly_one_target():
    with pytest.raises(ValueError, match='exactly one positive'):
        CIRRRecall().process(None, [dict(target_rank=-1, tgt_idx=-1, pairid='7')])


def test_cirr_submission_format(tmp_path):
    torch.manual_seed(0)
    n_g = 80
    names = [f'dev-{i}-img' for i in range(n_g)]
    q, g = F.normalize(torch.randn(3, 8), dim=1), F.normalize(torch.randn(n_g, 8), dim=1)
    ref = torch.tensor([0, 5, 9])
    members = [[1, 2, 3, 4, 6], [6, 7, 8, 10, 11], [10, 11, 12, 13, 14]]
    res = rank_queries(q, g, None, ref, member_idx=torch.tensor(members), topk=50)
    m = CIRRSubmission(outfile_prefix=str(tmp_path / 'sub'))
    m.dataset_meta = dict(gallery_names=names)
    samples = [dict(pairid=str(100 + i), pred_topk=res['topk'][i].tolist(),
                    member_idx=members[i], member_rank=res['member_rank'][i].tolist())
               for i in range(3)]
    m.process(None, samples)
    m.compute_metrics(m.results)
    rec = json.load(open(tmp_path / 'sub_recall.json'))
    sub = json.load(open(tmp_path / 'sub_recall_subset.json'))
    assert rec['version'] == sub['version'] == 'rc2'
    assert rec['metric'] == 'recall' and sub['metric'] == 'recall_subset'
    for i in range(3):
        top = rec[str(100 + i)]
        assert len(top) == 50 and names[int(ref[i])] not in top
        assert len(sub[str(100 + i)]) == 3
        assert set(sub[str(100 + i)]) <= {names[j] for j in members[i]}
        s = (q[i] @ g.t())[members[i]]
        best = [names[members[i][j]] for j in s.argsort(descending=True)[:3]]
        assert sub[str(100 + i)] == best
