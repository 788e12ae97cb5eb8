# Copyright (c) mmcontrast contributors. All rights reserved.
"""Tests of :func:`info_nce_loss` / :class:`InfoNCELoss`."""
import math

import pytest
import torch
import torch.nn.functional as F

from mmcontrast.contrastive.losses import InfoNCELoss, info_nce_loss
from mmcontrast.registry import MODELS


def naive_direction(q,
                    k,
                    queue,
                    T,
                    in_batch,
                    intra,
                    decoupled,
                    key_ids,
                    queue_ids,
                    targets=None):
    """Per-row loop: explicit list of (logit, is_positive) columns."""
    losses = []
    for i in range(q.shape[0]):
        t = i if targets is None else int(targets[i])
        pos = torch.dot(q[i], k[t]) / T
        negs = []
        if in_batch:
            for j in range(k.shape[0]):
                if j == t or (key_ids is not None
                              and key_ids[j] == key_ids[t]):
                    continue
                negs.append(torch.dot(q[i], k[j]) / T)
        if queue is not None:
            for j in range(queue.shape[0]):
                if queue_ids is not None and queue_ids[j] == key_ids[t]:
                    continue
                negs.append(torch.dot(q[i], queue[j]) / T)
        if intra:
            for j in range(q.shape[0]):
                if j == i or (key_ids is not None
                              and key_ids[j] == key_ids[t]):
                    continue
                negs.append(torch.dot(q[i], q[j]) / T)
        den = negs if decoupled else [pos] + negs
        if not den:
            losses.append(torch.zeros((), dtype=q.dtype))
            continue
        losses.append(-pos + torch.log(sum(torch.exp(x) for x in den)))
    return torch.stack(losses).mean()


def _emb(b=12, d=8, seed=0, n=2):
    g = torch.Generator().manual_seed(seed)
    return [
        F.normalize(
            torch.randn(b, d, generator=g, dtype=torch.float64), dim=1)
        for _ in range(n)
    ]


@pytest.mark.parametrize('in_batch', [True, False])
@pytest.mark.parametrize('with_queue', [False, True])
@pytest.mark.parametrize('intra', [False, True])
@pytest.mark.parametrize('decoupled', [False, True])
@pytest.mark.parametrize('dedup', [False, True])
@pytest.mark.parametrize('chunk_size', [None, 5])
def test_one_direction_matches_naive(in_batch, with_queue, intra, decoupled,
                                     dedup, chunk_size):
    q, k, queue = _emb(n=3)
    queue = queue[:10] if with_queue else None
    key_ids = torch.tensor([0, 1, 2, 3, 1, 5, 6, 0, 8, 9, 3, 3
                            ]) if dedup else None
    queue_ids = torch.arange(10) % 4 if (dedup and with_queue) else None
    ref = naive_direction(q, k, queue, 0.2, in_batch, intra, decoupled,
                          key_ids, queue_ids)
    out = info_nce_loss(
        q,
        k,
        queue,
        0.2,
        in_batch_negatives=in_batch,
        intra_negatives=intra,
        decoupled=decoupled,
        key_ids=key_ids,
        queue_ids=queue_ids,
        chunk_size=chunk_size)
    torch.testing.assert_close(out, ref, atol=1e-10, rtol=0)


@pytest.mark.parametrize('intra', [False, True])
@pytest.mark.parametrize('reduction', ['mean', 'sum'])
@pytest.mark.parametrize('decoupled', [False, True])
def test_symmetric_matches_naive(intra, reduction, decoupled):
    q, k = _emb()
    a = naive_direction(q, k, None, 0.5, True, intra, decoupled, None, None)
    b = naive_direction(k, q, None, 0.5, True, intra, decoupled, None, None)
    ref = a + b if reduction == 'sum' else (a + b) / 2
    out = info_nce_loss(
        q,
        k,
        temperature=0.5,
        symmetric=True,
        symmetric_reduction=reduction,
        intra_negatives=intra,
        decoupled=decoupled)
    torch.testing.assert_close(out, ref, atol=1e-10, rtol=0)


def test_explicit_hard_targets_and_unequal_key_count():
    q, k = _emb(b=6), _emb(b=9, seed=1)[0]
    q = q[0]
    tg = torch.tensor([8, 0, 3, 3, 1, 5])
    ref = naive_direction(
        q, k, None, 0.1, True, False, False, None, None, targets=tg)
    torch.testing.assert_close(
        info_nce_loss(q, k, targets=tg, temperature=0.1),
        ref,
        atol=1e-10,
        rtol=0)


def test_soft_targets():
    q, k, queue = _emb(n=3)
    queue = queue[:5]
    # one-hot soft targets equal hard targets
    onehot = torch.zeros(12, 17, dtype=torch.float64)
    onehot[torch.arange(12), torch.arange(12)] = 1
    torch.testing.assert_close(
        info_nce_loss(q, k, queue, targets=onehot), info_nce_loss(q, k, queue))
    # random soft targets: -sum t log_softmax
    g = torch.Generator().manual_seed(0)
    t = torch.rand(12, 17, generator=g, dtype=torch.float64).softmax(1)
    logits = torch.cat([q @ k.T, q @ queue.T], 1) / 0.07
    ref = -(t * logits.log_softmax(1)).sum(1).mean()
    torch.testing.assert_close(
        info_nce_loss(q, k, queue, targets=t), ref, atol=1e-10, rtol=0)
    with pytest.raises(ValueError, match='soft targets'):
        info_nce_loss(q, k, queue, targets=t[:, :5])


def test_peer_lightly_ntxent_and_dcl():
    lightly_loss = pytest.importorskip('lightly.loss')
    q, k = _emb(b=16, d=32)
    ref = lightly_loss.NTXentLoss(temperature=0.3)(q, k)
    out = info_nce_loss(
        q, k, temperature=0.3, symmetric=True, intra_negatives=True)
    torch.testing.assert_close(out, ref, atol=1e-6, rtol=0)
    ref = lightly_loss.DCLLoss(temperature=0.3)(q, k)
    out = info_nce_loss(
        q,
        k,
        temperature=0.3,
        symmetric=True,
        intra_negatives=True,
        decoupled=True)
    torch.testing.assert_close(out, ref, atol=1e-6, rtol=0)
    # DCCL's DCL baseline is the *sum* over the two anchor views (dccl.md 3(d))
    out = info_nce_loss(
        q,
        k,
        temperature=0.3,
        symmetric=True,
        symmetric_reduction='sum',
        intra_negatives=True,
        decoupled=True)
    torch.testing.assert_close(out, 2 * ref, atol=1e-6, rtol=0)


def test_peer_pytorch_metric_learning_ntxent():
    pml = pytest.importorskip('pytorch_metric_learning.losses')
    q, k = _emb(b=10, d=16)
    lab = torch.arange(10).repeat(2)
    ref = pml.NTXentLoss(temperature=0.1)(torch.cat([q, k]), lab)
    out = info_nce_loss(
        q, k, temperature=0.1, symmetric=True, intra_negatives=True)
    torch.testing.assert_close(out, ref, atol=1e-6, rtol=0)


def test_clip_style_cross_entropy():
    """One direction with T = 0.01 is CE(100 q k^T, arange) (CLIP4Cir)."""
    q, k = _emb()
    ref = F.cross_entropy(100 * q @ k.T, torch.arange(12))
    torch.testing.assert_close(
        info_nce_loss(q, k, temperature=0.01), ref, atol=1e-10, rtol=0)


@pytest.mark.parametrize('kwargs', [
    dict(),
    dict(symmetric=True, intra_negatives=True),
    dict(decoupled=True, chunk_size=4),
    dict(in_batch_negatives=False)
])
def test_gradcheck(kwargs):
    q, k, queue = _emb(b=6, d=4, n=3)
    q.requires_grad_()
    k.requires_grad_()
    queue = None if kwargs.get('symmetric') else queue[:4]
    T = torch.tensor(0.5, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(
        lambda q, k, T: info_nce_loss(q, k, queue, T, **kwargs), (q, k, T))


def test_invariances():
    g = torch.Generator().manual_seed(0)
    X, Y = torch.randn(2, 10, 8, generator=g, dtype=torch.float64)

    def loss(x, y):
        return info_nce_loss(
            F.normalize(x, dim=1),
            F.normalize(y, dim=1),
            symmetric=True,
            intra_negatives=True)

    base = loss(X, Y)
    perm = torch.randperm(10, generator=g)
    torch.testing.assert_close(loss(X[perm], Y[perm]), base)
    torch.testing.assert_close(loss(3 * X, 0.1 * Y), base)


def test_edge_cases_finite():
    x = F.normalize(torch.randn(1, 4), dim=1).requires_grad_()
    y = F.normalize(torch.randn(1, 4), dim=1).requires_grad_()
    for kwargs in (dict(), dict(decoupled=True),
                   dict(symmetric=True, intra_negatives=True, decoupled=True)):
        out = info_nce_loss(x, y, **kwargs)
        assert torch.isfinite(out) and abs(out.item()) < 1e-6, kwargs
        out.backward()
        assert torch.isfinite(x.grad).all() and torch.isfinite(y.grad).all()
        x.grad = y.grad = None
    # every key duplicates the target: nothing left but the positive
    q, k = _emb(b=4)
    out = info_nce_loss(
        q, k, key_ids=torch.zeros(4, dtype=torch.long), decoupled=True)
    assert out.item() == 0
    # fp16 inputs with a large logit scale stay finite (computed in fp32)
    out = info_nce_loss(q.half(), k.half(), temperature=0.01)
    assert out.dtype == torch.float32 and torch.isfinite(out)


def test_module_learnable_temperature_and_queue():
    loss = MODELS.build(
        dict(type='InfoNCELoss', temperature=0.07, learnable_temperature=True))
    q, k = [t.float().requires_grad_() for t in _emb()]
    out = loss(q, k)
    out.backward()
    assert loss.logit_scale.grad is not None and loss.logit_scale.grad.abs(
    ) > 0
    torch.testing.assert_close(loss.get_temperature().detach(),
                               torch.tensor(0.07))
    with torch.no_grad():
        loss.logit_scale.fill_(10.)  # beyond log(100): clamped like CLIP
    assert abs(float(loss.get_temperature()) - 0.01) < 1e-6

    mod = InfoNCELoss(
        temperature=0.2, in_batch_negatives=False, queue_size=24, queue_dim=8)
    mod.train()
    q, k = [t.float() for t in _emb()]
    before = mod.queue.feats.clone()
    out = mod(q, k)
    torch.testing.assert_close(
        out, info_nce_loss(q, k, before, 0.2, in_batch_negatives=False))
    assert int(mod.queue.ptr) == 12
    torch.testing.assert_close(mod.queue.feats[:12], k)
    with pytest.raises(ValueError, match='divisible'):
        mod(q[:5], k[:5])


def test_validation():
    for bad in (dict(temperature=0), dict(symmetric_reduction='max'),
                dict(chunk_size=0), dict(queue_size=8),
                dict(queue_size=8, queue_dim=4, symmetric=True),
                dict(learnable_temperature=True, temperature=0.001)):
        with pytest.raises(ValueError):
            InfoNCELoss(**bad)
    q, k = _emb()
    with pytest.raises(ValueError, match='symmetric'):
        info_nce_loss(q, k, k, symmetric=True)
    with pytest.raises(ValueError, match='hard targets'):
        info_nce_loss(q, k, targets=torch.full((12, ), 12))
    assert math.isfinite(float(info_nce_loss(
        q, k, gather=True)))  # single process: identity
