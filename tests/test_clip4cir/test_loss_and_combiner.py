# Copyright (c) mmcontrast contributors. All rights reserved.
"""CLIP4Cir loss (one-directional batch InfoNCE at scale 100) and the query combiners."""
import pytest
import torch
import torch.nn.functional as F

import mmcontrast.pretrain  # noqa: F401
from mmcontrast.contrastive.losses import info_nce_loss
from mmcontrast.pretrain.models.retrievers import Combiner, SumCombiner

from .utils import tiny_retriever


@pytest.mark.parametrize('b,d', [(4, 8), (16, 64)])
def test_loss_matches_pml_ntxent(b, d):
    pml = pytest.importorskip('pytorch_metric_learning.losses')
    torch.manual_seed(b)
    q, g = F.normalize(torch.randn(b, d), dim=1), F.normalize(torch.randn(b, d), dim=1)
    ours = info_nce_loss(q, g, temperature=0.01)
    labels = torch.arange(b)
    # a separate ref_labels tensor: pml drops the diagonal when it is the same object
    ref = pml.NTXentLoss(temperature=0.01)(q, labels, ref_emb=g, ref_labels=labels.clone())
    torch.testing.assert_close(ours, ref, atol=1e-5, rtol=1e-5)
    torch.testing.assert_close(ours, F.cross_entropy(100 * q @ g.t(), labels), atol=1e-5,
                               rtol=1e-5)


def test_duplicate_targets_are_masked_and_batch_of_one_is_zero():
    torch.manual_seed(0)
    q, g = F.normalize(torch.randn(4, 8), dim=1), F.normalize(torch.randn(4, 8), dim=1)
    ids = torch.tensor([0, 1, 0, 2])  # rows 0 and 2 share a target image
    got = info_nce_loss(q, g, temperature=0.01, key_ids=ids)
    logits = 100 * q @ g.t()
    logits[0, 2] = logits[2, 0] = float('-inf')
    torch.testing.assert_close(got, F.cross_entropy(logits, torch.arange(4)), atol=1e-5,
                               rtol=1e-5)
    one = info_nce_loss(q[:1], g[:1], temperature=0.01)
    assert torch.isfinite(one) and one.abs() < 1e-6


def _manual(c: Combiner, i, t):
    relu, lin = F.relu, F.linear
    tp = relu(c.text_projection_layer(t))
    ip = relu(c.image_projection_layer(i))
    cat = torch.cat([tp, ip], -1)
    h = relu(c.combiner_layer(cat))
    ds = c.dynamic_scalar
    lam = torch.sigmoid(lin(relu(lin(cat, ds[0].weight, ds[0].bias)), ds[3].weight, ds[3].bias))
    return F.normalize(c.output_layer(h) + lam * t + (1 - lam) * i, dim=-1), lam


def test_combiner_shapes_manual_recomputation_and_limit():
    torch.manual_seed(0)
    c = Combiner(clip_dim=16, projection_dim=32, hidden_dim=48).eval()
    i, t = torch.randn(5, 16) * 3, torch.randn(5, 16) * 3  # raw, un-normalised features
    q = c(i, t)
    want, lam = _manual(c, i, t)
    assert q.shape == (5, 16)
    assert ((lam > 0) & (lam < 1)).all()
    torch.testing.assert_close(q, want, atol=1e-6, rtol=1e-6)
    torch.testing.assert_close(c.mixing_weight(i, t), lam)
    # limiting case: output layer zeroed and lambda forced to 1 -> q = normalize(t)
    with torch.no_grad():
        c.output_layer.weight.zero_()
        c.output_layer.bias.zero_()
        c.dynamic_scalar[3].weight.zero_()
        c.dynamic_scalar[3].bias.fill_(50.)
    torch.testing.assert_close(c(i, t), F.normalize(t, dim=-1), atol=1e-6, rtol=0)
    # the sum combiner
    torch.testing.assert_close(SumCombiner(16)(i, t), F.normalize(i + t, dim=-1))


def test_combiner_trains_with_dropout():
    c = Combiner(clip_dim=8, projection_dim=16, hidden_dim=16).train()
    x = torch.randn(64, 8)
    assert not torch.allclose(c(x, x), c(x, x))


def test_stage2_updates_only_the_combiner():
    model = tiny_retriever(combiner=dict(type='Combiner', clip_dim=32, projection_dim=32,
                                         hidden_dim=32), finetune='none')
    model.train()
    assert not model.clip.training and model.combiner.training
    clip_before = {k: v.clone() for k, v in model.clip.state_dict().items()}
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=1e-2)
    names = ['a', 'b', 'c', 'd']
    texts = ['make it red', 'zoom in', 'make it red', 'flip it']
    with torch.no_grad():
        img = model.clip.encode_image(torch.randn(4, 3, 32, 32))
        txt = model._encode_texts(texts)
    model.cache_features(names, img, ['make it red', 'zoom in', 'flip it'], txt[[0, 1, 3]])
    from mmpretrain.structures import DataSample
    samples = []
    for k in range(4):
        ds = DataSample()
        ds.set_metainfo(dict(caption=texts[k], ref_path=names[k], tgt_path=names[(k + 1) % 4],
                             tgt_id=(k + 1) % 4))
        samples.append(ds)
    for _ in range(2):
        loss = model.loss(None, samples)['loss']
        opt.zero_grad()
        loss.backward()
        opt.step()
    assert all(p.grad is None for p in model.clip.parameters())
    assert any(p.grad is not None for p in model.combiner.parameters())
    for k, v in model.clip.state_dict().items():
        torch.testing.assert_close(v, clip_before[k], atol=0, rtol=0)


def test_stage1_keeps_bn_statistics_frozen():
    model = tiny_retriever(finetune='both')
    model.train()
    bn = model.clip.backbone.bn1
    before = bn.running_mean.clone()
    from mmpretrain.structures import DataSample
    samples = []
    for k in range(2):
        ds = DataSample()
        ds.set_metainfo(dict(caption='make it red', tgt_id=k))
        samples.append(ds)
    loss = model.loss([torch.randn(2, 3, 32, 32), torch.randn(2, 3, 32, 32)], samples)['loss']
    loss.backward()
    assert torch.equal(bn.running_mean, before)
    assert model.clip.backbone.conv1.weight.grad is not None
    assert model.clip.text_encoder.token_embedding.weight.grad is not None
