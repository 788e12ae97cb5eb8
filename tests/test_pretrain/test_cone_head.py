# Copyright (c) mmcontrast contributors. All rights reserved.
"""CoNeHead: projector/classifier layout and its (masked, smoothed) cross-entropy."""
import math

import pytest
import torch
import torch.nn.functional as F
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

import mmcontrast.pretrain  # noqa: F401
from mmcontrast.pretrain.models.heads import CoNeHead, smoothed_cross_entropy


def _head(**kw):
    cfg = dict(type='CoNeHead', num_classes=5, in_channels=12, hidden_channels=16, proj_dim=8)
    cfg.update(kw)
    return MODELS.build(cfg)


def test_layout_and_shapes():
    head = _head()
    assert head.hidden_channels == 16 and head.fc.in_features == 8
    assert [type(m).__name__ for m in head.projector] == ['Linear', 'BatchNorm1d', 'ReLU', 'Linear']
    feats = (torch.randn(4, 12), )
    embed, logits = head.forward_train(feats)
    assert embed.shape == (4, 8) and logits.shape == (4, 5)
    head.eval()
    assert torch.allclose(head(feats), head.fc(head.projector(feats[0])))
    assert CoNeHead(num_classes=3, in_channels=2048).hidden_channels == 4096
    assert CoNeHead(num_classes=3, in_channels=4096).hidden_channels == 8192
    backbone_cls = _head(cls_input='backbone')
    assert backbone_cls.fc.in_features == 12
    assert backbone_cls.forward_train(feats)[1].shape == (4, 5)


def test_ce_matches_torch_and_naive_smoothing():
    g = torch.Generator().manual_seed(0)
    logits = torch.randn(6, 5, dtype=torch.float64, generator=g)
    labels = torch.randint(0, 5, (6, ), generator=g)
    assert torch.allclose(
        smoothed_cross_entropy(logits, labels), F.cross_entropy(logits, labels), atol=1e-12)
    ls = 0.2
    naive = 0.0
    for b in range(6):
        lz = math.log(sum(math.exp(float(v)) for v in logits[b]))
        for c in range(5):
            tgt = 1 - ls if c == int(labels[b]) else ls / 4
            naive -= tgt * (float(logits[b, c]) - lz)
    assert abs(float(smoothed_cross_entropy(logits, labels, ls)) - naive / 6) < 1e-10


def test_masked_ce_analytic_gradient_and_edge_cases():
    g = torch.Generator().manual_seed(1)
    logits = torch.randn(6, 5, dtype=torch.float64, generator=g, requires_grad=True)
    labels = torch.randint(0, 5, (6, ), generator=g)
    keep = torch.tensor([True, False, True, True, False, True])
    smoothed_cross_entropy(logits, labels, 0.0, keep).backward()
    target = F.one_hot(labels, 5).double()
    want = keep[:, None] * (torch.softmax(logits, 1) - target) / 6
    assert torch.allclose(logits.grad, want, atol=1e-12)
    none = smoothed_cross_entropy(logits, labels, 0.0, torch.zeros(6, dtype=torch.bool))
    assert float(none) == 0.0 and none.requires_grad


def test_loss_and_predict_through_data_samples():
    head = _head(cal_acc=True, topk=(1, ))
    feats = (torch.randn(4, 12), )
    samples = [DataSample().set_gt_label(i % 5) for i in range(4)]
    losses = head.loss(feats, samples)
    assert set(losses) == {'loss_ce', 'accuracy_top-1'}
    assert torch.allclose(losses['loss_ce'],
                          F.cross_entropy(head(feats), torch.tensor([0, 1, 2, 3])))
    head.eval()
    preds = head.predict(feats)
    assert preds[0].pred_score.shape == (5, ) and abs(float(preds[0].pred_score.sum()) - 1) < 1e-6


@pytest.mark.parametrize('kw,field', [(dict(cls_input='x'), 'cls_input'),
                                      (dict(loss=dict(type='SmoothedCrossEntropyLoss',
                                                      label_smoothing=1.0)), 'label_smoothing'),
                                      (dict(proj_dim=0), 'proj_dim')])
def test_invalid_arguments(kw, field):
    with pytest.raises(ValueError, match=field):
        _head(**kw)


def test_norm_cfg_and_losses_are_configurable():
    head = _head(norm_cfg=dict(type='SyncBN'),
                 nb_loss=dict(type='NeighbourContrastLoss', knn_k=3, loss_weight=0.5),
                 dc_loss=dict(type='DistributionConsistencyLoss', temperature=0.2))
    assert type(head.projector[1]).__name__ == 'SyncBatchNorm'
    assert head.loss_nb.knn_k == 3 and head.loss_dc.temperature == 0.2
    head.train()  # single process: SyncBN falls back to plain batch norm
    embed, logits = head.forward_train((torch.randn(4, 12), ))
    assert embed.shape == (4, 8) and torch.isfinite(logits).all()
    ln = _head(norm_cfg=dict(type='LN'))
    assert type(ln.projector[1]).__name__ == 'LayerNorm'


def test_loss_with_a_queue_gives_all_three_terms():
    from mmcontrast.contrastive import MemoryQueue
    head = _head(nb_loss=dict(type='NeighbourContrastLoss', knn_k=4))
    queue = MemoryQueue(16, 8, payloads=dict(labels=((), torch.long, -1),
                                             probs=((5, ), torch.float, 'uniform')))
    queue.labels.copy_(torch.arange(16) % 5)
    samples = [DataSample().set_gt_label(i % 5) for i in range(4)]
    keys = F.normalize(torch.randn(4, 8), dim=1)
    losses = head.loss((torch.randn(4, 12), ), samples, queue=queue, keys=keys)
    assert set(losses) == {'loss_ce', 'loss_nb', 'loss_dc'}
    with pytest.raises(ValueError, match='keys'):
        head.loss((torch.randn(4, 12), ), samples, queue=queue)
