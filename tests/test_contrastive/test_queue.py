# Copyright (c) mmcontrast contributors. All rights reserved.
"""Tests of :class:`MemoryQueue`."""
import pytest
import torch

from mmcontrast.contrastive import MemoryQueue


def _queue():
    return MemoryQueue(
        8,
        3,
        payloads={
            'label': ((), torch.long, -1),
            'prob': ((4, ), torch.float, 'uniform')
        },
        normalize_init=False)


def test_init_buffers():
    q = _queue()
    assert q.feats.shape == (8, 3) and q.feats.abs().sum() == 0
    assert (q.label == -1).all() and torch.allclose(q.prob,
                                                    torch.full((8, 4), 0.25))
    assert int(q.ptr) == 0 and not bool(q.full) and q.num_filled == 0
    names = set(dict(q.named_buffers()))
    assert names == {'feats', 'ptr', 'full', 'label', 'prob'}
    q2 = MemoryQueue(16, 5)  # MoCo init: unit-norm noise
    torch.testing.assert_close(q2.feats.norm(dim=1), torch.ones(16))


def test_fifo_contents_payloads_and_wrap():
    q = _queue()
    batches = [(torch.full((4, 3), float(i)), torch.full(
        (4, ), i), torch.full((4, 4), i / 10.)) for i in range(3)]
    q.enqueue(batches[0][0], label=batches[0][1], prob=batches[0][2])
    assert int(q.ptr) == 4 and not bool(q.full) and q.num_filled == 4
    assert (q.feats[:4] == 0).all() and (q.label[:4]
                                         == 0).all() and (q.label[4:]
                                                          == -1).all()
    q.enqueue(batches[1][0], label=batches[1][1], prob=batches[1][2])
    assert int(q.ptr) == 0 and bool(q.full) and q.num_filled == 8
    q.enqueue(
        batches[2][0], label=batches[2][1],
        prob=batches[2][2])  # overwrites the oldest entries
    assert (q.label == torch.tensor([2, 2, 2, 2, 1, 1, 1, 1])).all()
    assert (q.feats[:4] == 2).all() and torch.allclose(q.prob[4:],
                                                       torch.full((4, 4), 0.1))
    assert int(q.ptr) == 4 and bool(q.full)


def test_enqueue_detaches_and_casts():
    q = MemoryQueue(4, 2)
    x = torch.randn(2, 2, requires_grad=True).half()
    q.enqueue(x)
    assert q.feats.dtype == torch.float32 and not q.feats.requires_grad
    torch.testing.assert_close(q.feats[:2], x.detach().float())


def test_errors():
    q = _queue()
    with pytest.raises(ValueError, match='divisible'):
        q.enqueue(
            torch.zeros(3, 3),
            label=torch.zeros(3, dtype=torch.long),
            prob=torch.zeros(3, 4))
    with pytest.raises(ValueError, match='divisible'):
        q.check_batch_size(4, world_size=3)
    q.check_batch_size(2, world_size=4)
    with pytest.raises(ValueError, match='payloads'):
        q.enqueue(torch.zeros(4, 3), label=torch.zeros(4, dtype=torch.long))
    with pytest.raises(ValueError, match='prob'):
        q.enqueue(
            torch.zeros(4, 3),
            label=torch.zeros(4, dtype=torch.long),
            prob=torch.zeros(4, 5))
    with pytest.raises(ValueError, match='feats'):
        q.enqueue(
            torch.zeros(4, 2),
            label=torch.zeros(4, dtype=torch.long),
            prob=torch.zeros(4, 4))
    with pytest.raises(ValueError):
        MemoryQueue(0, 3)
    with pytest.raises(ValueError, match='reserved'):
        MemoryQueue(4, 3, payloads={'ptr': ((), torch.long, 0)})
    with pytest.raises(ValueError, match='init'):
        MemoryQueue(4, 3, payloads={'x': ((), torch.long, 'zeros')})
    with pytest.raises(ValueError, match='uniform'):
        MemoryQueue(4, 3, payloads={'x': ((), torch.float, 'uniform')})


def test_state_dict_round_trip():
    q = _queue()
    q.enqueue(torch.randn(4, 3), label=torch.arange(4), prob=torch.rand(4, 4))
    q.enqueue(torch.randn(4, 3), label=torch.arange(4), prob=torch.rand(4, 4))
    q.enqueue(
        torch.randn(4, 3), label=torch.arange(4) + 4, prob=torch.rand(4, 4))
    sd = q.state_dict()
    q2 = _queue()
    q2.load_state_dict(sd)
    for name, buf in q.named_buffers():
        assert torch.equal(getattr(q2, name), buf), name
    assert q2.num_filled == 8 and int(q2.ptr) == 4
    # and through torch.save/torch.load as a checkpoint would
    import io
    f = io.BytesIO()
    torch.save(sd, f)
    f.seek(0)
    q3 = _queue()
    q3.load_state_dict(torch.load(f))
    assert torch.equal(q3.label, q.label)


def test_is_full_mirror_follows_enqueue_and_loaded_state():
    q = MemoryQueue(4, 2)
    assert not q.is_full()
    q.enqueue(torch.randn(4, 2))
    assert q.is_full()
    q.load_state_dict(MemoryQueue(4, 2).state_dict())  # resume from before the wrap
    assert not q.is_full()
