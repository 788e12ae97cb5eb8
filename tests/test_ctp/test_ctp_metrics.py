# Copyright (c) mmcontrast contributors. All rights reserved.
"""CrossModalRecall and CTPMultiModalmAP vs direct transcriptions (spec §8.7)."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F

from mmcontrast.pretrain.evaluation import (CrossModalRecall, CTPMultiModalmAP, chunked_topk,
                                            ctp_average_precision, itc_scores, paired_gt_ranks)


def _np_recall(img, txt, k):
    s = img @ txt.T
    tr = np.mean([np.where(np.argsort(-s[i]) == i)[0][0] < k for i in range(len(s))])
    ir = np.mean([np.where(np.argsort(-s[:, i]) == i)[0][0] < k for i in range(len(s))])
    return 100 * tr, 100 * ir


def test_cross_modal_recall_matches_numpy_argsort():
    g = torch.Generator().manual_seed(0)
    img = F.normalize(torch.randn(37, 8, generator=g), dim=1)
    txt = F.normalize(img + 0.8 * torch.randn(37, 8, generator=g), dim=1)
    metric = CrossModalRecall(topk=(1, 5, 10), chunk_size=8)
    samples = [dict(img_feat=img[i], text_feat=txt[i], task_idx=i % 2) for i in range(37)]
    metric.process(None, samples)
    out = metric.compute_metrics(metric.results)
    for k in (1, 5, 10):
        tr, ir = _np_recall(img.double().numpy(), txt.double().numpy(), k)
        assert out[f'tr{k}'] == pytest.approx(tr, abs=1e-4)
        assert out[f'ir{k}'] == pytest.approx(ir, abs=1e-4)
    assert out['r1_mean'] == pytest.approx((out['tr1'] + out['ir1']) / 2)
    keep = np.arange(37) % 2 == 1
    tr, ir = _np_recall(img.numpy()[keep], txt.numpy()[keep], 1)
    assert out['task1_r1_mean'] == pytest.approx((tr + ir) / 2, abs=1e-4)
    # chunking does not change ranks
    assert torch.equal(paired_gt_ranks(img, txt, 5), paired_gt_ranks(img, txt, 1000))
    # the score matrix the retrieval API ranks with gives the metric's ranks
    s = itc_scores(txt, img, chunk_size=5)
    torch.testing.assert_close(s, txt @ img.t())
    own = s.diagonal()[:, None]
    ranks = ((s > own) & ~torch.eye(37, dtype=torch.bool)).sum(1)
    assert torch.equal(ranks, paired_gt_ranks(txt, img, 5))


def _ap_transcription(ranked, positives, k):
    kk = min(k, len(positives), len(ranked))
    hits = [ranked[i] in positives for i in range(kk)]
    h = sum(hits)
    if h == 0:
        return 0.0
    return sum(sum(hits[:i + 1]) / (i + 1) for i in range(kk) if hits[i]) / h


@pytest.mark.parametrize('hits,npos,k,want', [
    ([True, False, True], 5, 10, (1 + 2 / 3) / 2),
    ([False, True], 1, 10, 0.0),  # |P| = 1: only the first item counts
    ([True, False], 1, 10, 1.0),
    ([False, False, False], 3, 5, 0.0),  # no hit
    ([False, True, False, True], 2, 5, 0.5),  # truncated at |P| = 2
])
def test_ctp_ap_hand_made(hits, npos, k, want):
    assert ctp_average_precision(hits, npos, k) == pytest.approx(want)
    ranked = [f'p{i}' if h else f'x{i}' for i, h in enumerate(hits)]
    positives = {r for r in ranked if r[0] == 'p'}
    positives |= {f'unlisted{j}' for j in range(npos - len(positives))}
    assert want == pytest.approx(_ap_transcription(ranked, positives, k))


def test_multimodal_map_drops_the_query_itself_and_uses_topk_chunks():
    g = torch.Generator().manual_seed(1)
    feats = F.normalize(torch.randn(30, 6, generator=g), dim=1)
    cates = [f'c{i % 4}' for i in range(30)]
    samples = []
    for i in range(5):  # queries q0..q4; q0 is also in the gallery as item g0
        samples.append(dict(fused_feat=feats[i], is_query=1, item_id=f'g{i}' if i == 0 else
                            f'q{i}', cate_name=cates[i], num_positives=cates[5:].count(cates[i])
                            + (i == 0)))
    for i in range(5, 30):
        samples.append(dict(fused_feat=feats[i], is_query=0, item_id=f'g{i - 5}',
                            cate_name=cates[i], num_positives=0))
    metric = CTPMultiModalmAP(ks=(1, 5, 10), chunk_size=4)
    metric.process(None, samples)
    out = metric.compute_metrics(metric.results)
    gal = feats[5:]
    want = {k: 0.0 for k in (1, 5, 10)}
    for i in range(5):
        order = torch.argsort(feats[i] @ gal.t(), descending=True).tolist()
        ranked = [j for j in order if not (i == 0 and j == 0)][:10]
        hits = [cates[5 + j] == cates[i] for j in ranked]
        positives = {j for j in range(25) if cates[5 + j] == cates[i]}
        npos = samples[i]['num_positives']
        for k in want:
            # transcription: |P| from the query's num_positives, list = ranked gallery ids
            kk = min(k, npos, len(ranked))
            h = [ranked[t] in positives for t in range(kk)]
            want[k] += (sum(sum(h[:t + 1]) / (t + 1) for t in range(kk) if h[t]) / sum(h)
                        if sum(h) else 0.0)
    for k in want:
        assert out[f'mAP@{k}'] == pytest.approx(100 * want[k] / 5)
    full = torch.topk(feats[:5] @ gal.t(), 7, dim=1).indices
    assert torch.equal(chunked_topk(feats[:5], gal, 7, chunk_size=3), full)
