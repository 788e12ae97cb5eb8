# Copyright (c) mmcontrast contributors. All rights reserved.
"""CTPRetriever: losses, copies, momentum rules, queues, task hook (spec §8.2-§8.6)."""
import copy
from types import SimpleNamespace

import pytest
import torch
from mmengine.dataset import pseudo_collate
from mmengine.logging import MMLogger
from mmengine.registry import init_default_scope

import mmcontrast.pretrain  # noqa: F401
from mmcontrast.pretrain.engine import CTPTaskStartHook

B = 4


def _pipeline(vocab):
    return [
        dict(type='LoadImageFromFile'),
        dict(type='Resize', scale=(32, 32)),
        dict(type='CTPTokenize', vocab_file=vocab, max_length=12),
        dict(type='CTPMLMMask', vocab_file=vocab, mask_prob=0.3),
        dict(type='PackInputs', algorithm_keys=['input_ids', 'attention_mask', 'mlm_input_ids',
                                                'mlm_labels'], meta_keys=['task_idx']),
    ]


@pytest.fixture(scope='module')
def batch(p9d_root):
    init_default_scope('mmpretrain')
    from mmpretrain.registry import DATASETS
    ds = DATASETS.build(dict(type='P9DDataset', data_root=p9d_root, split='train',
                             tasks=('家居用品', '家装家饰', '食品/保健'), task_id=0,
                             pipeline=_pipeline(f'{p9d_root}/vocab.txt')))
    return pseudo_collate([ds[i] for i in range(B)])


def _loss(model, batch):
    data = model.data_preprocessor(copy.deepcopy(batch), True)
    return model.loss(data['inputs'], data['data_samples'])


def test_losses_names_and_no_grad_in_copies(batch, ctp_model):
    model = ctp_model()
    model.start_task(0)
    model.train()
    assert not model.momentum_model.module.training and not model.reference_model.training
    losses = _loss(model, batch)
    assert set(losses) == {'loss_itc', 'loss_itc_queue', 'loss_mlm', 'loss_mlm_kd'}
    model.start_task(1)
    losses = _loss(model, batch)
    assert set(losses) == {'loss_itc', 'loss_itc_queue', 'loss_mlm', 'loss_mlm_kd', 'loss_topo'}
    assert all(torch.isfinite(v) for v in losses.values())
    sum(losses.values()).backward()
    assert all(p.grad is None for p in model.momentum_model.parameters())
    assert all(p.grad is None for p in model.reference_model.parameters())
    assert any(p.grad is not None and p.grad.abs().sum() > 0 for p in model.student.parameters())


def test_seqf_has_only_itc_and_mlm(batch, ctp_model):
    model = ctp_model(distill=False, topology=False)
    model.start_task(1)
    assert set(_loss(model, batch)) == {'loss_itc', 'loss_mlm'}
    assert model.momentum_model is None and model.reference_model is None


def _perturb(model):
    g = torch.Generator().manual_seed(1)
    with torch.no_grad():
        for p in model.student.parameters():
            p.add_(torch.randn(p.shape, generator=g))


@pytest.mark.parametrize('task', [0, 1])
def test_momentum_update_exact(task, ctp_model):
    model = ctp_model()
    model.start_task(task)
    model.momentum_update()  # the teacher's first call is its copy step
    _perturb(model)
    if task:
        with torch.no_grad():
            for p in model.reference_model.parameters():
                p.mul_(-0.5)
    mom = [p.clone() for p in model.momentum_model.module.parameters()]
    ref0 = [p.clone() for p in model.reference_model.parameters()]
    model.momentum_update()
    for pc, c0, s, r in zip(model.momentum_model.module.parameters(), mom,
                            model.student.parameters(), ref0):
        want = 0.9 * c0 + 0.05 * s + 0.05 * r if task else 0.995 * c0 + 0.005 * s
        torch.testing.assert_close(pc, want, rtol=1e-6, atol=1e-6)
    model.momentum_update()
    model.momentum_update()
    for r, r0 in zip(model.reference_model.parameters(), ref0):
        assert torch.equal(r, r0)


def test_queue_pointer_wraps_and_survives_load_and_task_start(batch, tmp_path, ctp_model):
    model = ctp_model(queue_size=8)
    model.start_task(0)
    ptrs = []
    for _ in range(3):
        with torch.no_grad():
            _loss(model, batch)
        ptrs.append(int(model.image_queue.ptr))
    assert ptrs == [4, 0, 4] and bool(model.image_queue.full)
    from mmengine.runner import load_checkpoint, save_checkpoint
    save_checkpoint(model.state_dict(), str(tmp_path / 'task0.pth'))
    new = ctp_model(queue_size=8)
    load_checkpoint(new, str(tmp_path / 'task0.pth'), map_location='cpu')
    new.start_task(1)
    for q in ('image_queue', 'text_queue'):
        torch.testing.assert_close(getattr(new, q).feats, getattr(model, q).feats)
        assert int(getattr(new, q).ptr) == 4
    for r, s in zip(new.reference_model.parameters(), model.student.parameters()):
        assert torch.equal(r, s)


def test_task_hook_runs_at_iter0_and_is_skipped_on_resume(ctp_model):
    model = ctp_model()
    model.task_id = 1
    _perturb(model)  # student differs from the copies
    saved = copy.deepcopy(model.reference_model.state_dict())
    logger = MMLogger.get_instance('ctp_test')
    CTPTaskStartHook().before_train(SimpleNamespace(model=model, iter=5, logger=logger))
    for k, v in model.reference_model.state_dict().items():
        assert torch.equal(v, saved[k])  # mid-task resume: copies kept
    CTPTaskStartHook().before_train(SimpleNamespace(model=model, iter=0, logger=logger))
    for r, s in zip(model.reference_model.parameters(), model.student.parameters()):
        assert torch.equal(r, s)
    for m, s in zip(model.momentum_model.module.parameters(), model.student.parameters()):
        assert torch.equal(m, s)


def test_no_masked_token_is_finite(batch, ctp_model):
    model = ctp_model()
    model.start_task(1)
    b = copy.deepcopy(batch)
    for ds in b['data_samples']:
        ds.mlm_labels = ds.mlm_labels * 0 - 100
        ds.mlm_input_ids = ds.input_ids.copy()
    losses = _loss(model, b)
    assert losses['loss_mlm'].item() == 0 and losses['loss_mlm_kd'].item() == 0
    sum(losses.values()).backward()
    assert all(torch.isfinite(p.grad).all() for p in model.student.parameters()
               if p.grad is not None)


def test_bad_queue_size_is_rejected(batch, ctp_model):
    model = ctp_model(queue_size=6)
    model.start_task(0)
    with pytest.raises(ValueError, match='divisible'):
        _loss(model, batch)
