# Copyright (c) mmcontrast contributors. All rights reserved.
"""CoNeClassifier: EMA, queue, gating, isolation and edge cases (spec §8, items 3-6)."""
import copy
import math

import pytest
import torch
import torch.nn.functional as F
from mmengine.logging import MessageHub
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

import mmcontrast.pretrain  # noqa: F401
from mmcontrast.contrastive.losses import (confident_mask, distribution_consistency_loss,
                                           neighbour_class_distribution, neighbour_contrast_loss)
from mmcontrast.pretrain.models.heads import smoothed_cross_entropy


def _model(knn_k=8, alpha_nb=0.7, alpha_dc=0.4, **kw):
    """The losses' scalars go to the head's loss dicts (knn_k, alpha_nb, alpha_dc)."""
    cfg = dict(
        type='CoNeClassifier',
        backbone=dict(
            type='ResNet_CIFAR', depth=18, stem_channels=8, base_channels=8, out_indices=(3, )),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(
            type='CoNeHead',
            num_classes=5,
            in_channels=64,
            hidden_channels=32,
            proj_dim=16,
            nb_loss=dict(
                type='NeighbourContrastLoss', knn_k=knn_k, temperature=0.1,
                loss_weight=alpha_nb),
            dc_loss=dict(type='DistributionConsistencyLoss', temperature=0.07,
                         loss_weight=alpha_dc)),
        queue_size=32)
    cfg.update(kw)
    torch.manual_seed(0)
    model = MODELS.build(cfg)
    model.train()
    return model


def _batch(b=8, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(b, 3, 8, 8, generator=g)
    y = torch.randint(0, 5, (b, ), generator=g)
    return x, [DataSample().set_gt_label(int(v)) for v in y], y


@pytest.fixture(autouse=True)
def _max_iters():
    MessageHub.get_current_instance().update_info('max_iters', 100)


def test_queue_after_one_and_four_steps():
    model = _model()
    x, samples, y = _batch()
    losses = model.loss(x, samples)
    assert set(losses) == {'loss_ce'}  # queue not full yet: neighbour terms skipped
    q = model.queue
    assert int(q.ptr) == 8 and not bool(q.full)
    with torch.no_grad():  # after one step the key encoder equals the online path (train-mode BN)
        kp = model.key_encoder.module
        k_e, k_logit = kp['head'].forward_train(kp['neck'](kp['backbone'](x)))
    assert torch.allclose(q.feats[:8], F.normalize(k_e, dim=1), atol=1e-5)
    assert torch.allclose(q.feats[:8].norm(dim=1), torch.ones(8), atol=1e-5)
    assert torch.equal(q.labels[:8], y) and (q.labels[8:] == -1).all()
    assert torch.allclose(q.probs[:8], torch.softmax(k_logit, 1), atol=1e-5)
    assert torch.allclose(q.probs.sum(1), torch.ones(32), atol=1e-5)
    for seed in (1, 2, 3):
        model.loss(*_batch(seed=seed)[:2])
    assert int(q.ptr) == 0 and bool(q.full)
    losses = model.loss(*_batch(seed=4)[:2])
    assert set(losses) == {'loss_ce', 'loss_nb', 'loss_dc'}
    assert all(torch.isfinite(v) for v in losses.values()) and float(losses['loss_nb']) >= 0


def test_losses_equal_the_core_functions_in_the_neighbour_phase():
    model = _model(require_full_queue=False, alpha_nb=0.7, alpha_dc=0.4)
    for seed in range(4):
        model.loss(*_batch(seed=seed)[:2])
    before = copy.deepcopy(model)
    x, samples, y = _batch(seed=9)
    losses = model.loss(x, samples)
    # Replay the step by hand on the copy: EMA update, key forward, query forward.
    before.key_encoder.update_parameters(before._online_path())
    with torch.no_grad():
        kp = before.key_encoder.module
        k_e, _ = kp['head'].forward_train(kp['neck'](kp['backbone'](x)))
    e, logit = before.head.forward_train(before.extract_feat(x))
    z, k = F.normalize(e, dim=1), F.normalize(k_e, dim=1)
    keep = confident_mask(logit)
    q = before.queue
    assert torch.allclose(losses['loss_ce'], smoothed_cross_entropy(logit, y, 0., keep), atol=1e-6)
    assert torch.allclose(
        losses['loss_nb'],
        0.7 * neighbour_contrast_loss(z, q.feats, q.labels, y, 8, 0.1),
        atol=1e-6)
    t = neighbour_class_distribution(k, q.feats, q.probs, 0.07)
    assert torch.allclose(
        losses['loss_dc'], 0.4 * distribution_consistency_loss(logit, t, keep), atol=1e-6)


def test_isolation_of_key_encoder_and_buffers():
    model = _model(require_full_queue=False)
    for seed in range(4):
        model.loss(*_batch(seed=seed)[:2])
    losses = model.loss(*_batch(seed=5)[:2])
    buffers = {k: v.clone() for k, v in model.queue.named_buffers()}
    sum(losses.values()).backward()
    assert all(p.grad is None for p in model.key_encoder.parameters())
    assert all(not p.requires_grad for p in model.key_encoder.parameters())
    for k, v in model.queue.named_buffers():
        assert torch.equal(v, buffers[k])
    assert model.head.fc.weight.grad is not None and model.backbone.conv1.weight.grad is not None


def test_cosine_ema_schedule_and_predict_independent_of_key_encoder():
    total = 10
    MessageHub.get_current_instance().update_info('max_iters', total)
    model = _model()
    online = model._online_path()
    ema_w = None
    for t in range(total // 2 + 1):
        with torch.no_grad():
            model.head.fc.weight.add_(0.1)  # the online weights move every step
        w = model.head.fc.weight.detach().clone()
        model.key_encoder.update_parameters(online)
        prev = ema_w
        if t == 0:
            ema_w = w.clone()
        else:
            m = 1 - 0.004 * (1 + math.cos(math.pi * t / total)) / 2
            ema_w = m * ema_w + (1 - m) * w
        got = model.key_encoder.module['head'].fc.weight
        assert torch.allclose(got, ema_w, atol=1e-6)
        if t == total // 2:  # m_{T/2} = 0.998
            assert torch.allclose(got, 0.998 * prev + 0.002 * w, atol=1e-6)
    model.eval()
    x = _batch()[0]
    before = model.predict(x)[0].pred_score.clone()
    with torch.no_grad():
        for p in model.key_encoder.parameters():
            p.add_(torch.randn_like(p))
    assert torch.allclose(model.predict(x)[0].pred_score, before)


def test_constant_ema_option():
    model = _model(momentum_rule=dict(type='EMARule', momentum=0.1))
    assert type(model.key_encoder.rule).__name__ == 'EMARule'
    model.loss(*_batch()[:2])


def test_queue_size_not_divisible_fails_at_first_step():
    model = _model(queue_size=30, knn_k=8)
    with pytest.raises(ValueError, match='divisible'):
        model.loss(*_batch()[:2])


@pytest.mark.parametrize(
    'kw,field',
    [(dict(knn_k=33), 'knn_k'), (dict(key_view='other'), 'key_view'),
     (dict(momentum_rule=dict(type='x')), 'momentum_rule'),
     (dict(prob_queue_init='zeros'), 'prob_queue_init'),
     (dict(prob_queue_dtype='int8'), 'prob_queue_dtype'), (dict(alpha_nb=-1.), 'loss_weight'),
     (dict(head=dict(type='LinearClsHead', num_classes=5, in_channels=64)), 'CoNeHead')])
def test_invalid_config_values(kw, field):
    with pytest.raises(ValueError, match=field):
        _model(**kw)


def test_gate_off_is_finite_with_randn_prob_queue_and_forcing_it_on_gives_nan():
    gated = _model(prob_queue_init='randn')
    losses = gated.loss(*_batch()[:2])
    assert set(losses) == {'loss_ce'} and torch.isfinite(losses['loss_ce'])
    forced = _model(prob_queue_init='randn', require_full_queue=False)
    losses = forced.loss(*_batch()[:2])
    assert torch.isnan(losses['loss_dc'])  # why the queue_full gate exists
    off = _model(prob_queue_init='randn', require_full_queue=False, loss_lambda=0.)
    assert set(off.loss(*_batch()[:2])) == {'loss_ce'}


def test_no_common_label_gives_graph_connected_zero():
    model = _model(require_full_queue=False)
    model.queue.labels.fill_(4)
    x, _, _ = _batch()
    samples = [DataSample().set_gt_label(i % 4) for i in range(8)]
    losses = model.loss(x, samples)
    assert float(losses['loss_nb']) == 0.0 and losses['loss_nb'].requires_grad
    sum(losses.values()).backward()


def test_second_view_option_and_bf16_autocast():
    model = _model(key_view='second', require_full_queue=False)
    x1, samples, _ = _batch()
    x2 = _batch(seed=7)[0]
    with pytest.raises(ValueError, match='two views'):
        model.loss(x1, samples)
    losses = model.loss([x1, x2], samples)
    assert set(losses) == {'loss_ce', 'loss_nb', 'loss_dc'}
    same = _model(require_full_queue=False)
    with torch.autocast('cpu', dtype=torch.bfloat16):
        losses = same.loss(x1, samples)
    assert all(torch.isfinite(v) and v.dtype == torch.float32 for v in losses.values())


def test_queue_full_mirror_follows_loaded_state():
    model = _model()
    for seed in range(4):
        model.loss(*_batch(seed=seed)[:2])
    assert model.neighbour_enabled()
    fresh = _model()
    model.load_state_dict(fresh.state_dict())  # e.g. resuming from an early checkpoint
    assert not model.neighbour_enabled()
    assert set(model.loss(*_batch()[:2])) == {'loss_ce'}


def test_half_precision_prob_queue():
    model = _model(prob_queue_dtype='float16', require_full_queue=False)
    assert model.queue.probs.dtype == torch.float16
    losses = model.loss(*_batch()[:2])
    assert torch.isfinite(losses['loss_dc'])


def test_accuracy_metric_matches_sklearn():
    from mmpretrain.evaluation import Accuracy
    from sklearn.metrics import accuracy_score
    model = _model()
    model.eval()
    x = _batch(b=16, seed=3)[0]
    pred_labels = [int(p.pred_label) for p in model.predict(x)]
    y = torch.tensor([c if i < 7 else (c + 1) % 5 for i, c in enumerate(pred_labels)])  # 7/16 right
    preds = model.predict(x, [DataSample().set_gt_label(int(v)) for v in y])
    metric = Accuracy(topk=(1, ))
    metric.process(None, [p.to_dict() for p in preds])
    ours = metric.compute_metrics(metric.results)['top1']
    assert abs(ours - 100 * accuracy_score(y.tolist(), pred_labels)) < 1e-4
    assert abs(ours - 100 * 7 / 16) < 1e-4


def test_cone_learns_on_digits_in_a_few_steps():
    """Learning, not just finiteness: 50 CoNe steps on scikit-learn digits lift top-1 far above
    the untrained model (measured 10.0 -> 65.8), with the neighbour terms on once the queue is
    full."""
    from sklearn.datasets import load_digits
    MessageHub.get_current_instance().update_info('max_iters', 50)
    digits = load_digits()
    x = torch.tensor(digits.images, dtype=torch.float32)[:, None].repeat(1, 3, 1, 1) / 8 - 1
    y = torch.as_tensor(digits.target)
    x_train, y_train, x_test, y_test = x[:960], y[:960], x[-400:], y[-400:]
    torch.manual_seed(0)
    model = MODELS.build(
        dict(
            type='CoNeClassifier',
            backbone=dict(
                type='ResNet_CIFAR', depth=18, stem_channels=8, base_channels=8,
                out_indices=(3, )),
            neck=dict(type='GlobalAveragePooling'),
            head=dict(
                type='CoNeHead', num_classes=10, in_channels=64, hidden_channels=64, proj_dim=32,
                nb_loss=dict(type='NeighbourContrastLoss', knn_k=16)),
            queue_size=96))

    def top1():
        model.eval()
        with torch.no_grad():
            pred = torch.cat([p.pred_label for p in model.predict(x_test)])
        model.train()
        return float((pred == y_test).float().mean()) * 100

    untrained = top1()
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)
    records = []
    for step in range(50):
        i = (step * 32) % len(x_train)
        samples = [DataSample().set_gt_label(int(v)) for v in y_train[i:i + 32]]
        losses = model.loss(x_train[i:i + 32], samples)
        records.append({k: float(v) for k, v in losses.items()})
        opt.zero_grad()
        sum(losses.values()).backward()
        opt.step()
    trained = top1()
    assert all(math.isfinite(v) for r in records for v in r.values())
    assert 'loss_nb' not in records[1] and 'loss_nb' in records[3]  # queue of 96 full after 3
    late_ce = sum(r['loss_ce'] for r in records[-5:]) / 5
    assert late_ce < 0.75 * records[0]['loss_ce'], records
    assert trained > untrained + 25, (untrained, trained)


def test_neighbour_start_epoch_reads_the_runner_epoch():
    model = _model(require_full_queue=False, neighbour_start_epoch=1)
    hub = MessageHub.get_current_instance()
    saved = hub.get_info('epoch')
    try:
        hub.update_info('epoch', 0)
        assert set(model.loss(*_batch()[:2])) == {'loss_ce'}
        hub.update_info('epoch', 1)
        assert set(model.loss(*_batch()[:2])) == {'loss_ce', 'loss_nb', 'loss_dc'}
    finally:
        hub.update_info('epoch', saved if saved is not None else 0)
