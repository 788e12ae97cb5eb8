# Copyright (c) mmcontrast contributors. All rights reserved.
"""Attacks: batch equivalence, gradient flow, direction (fpattack.md §8.2-8.4)."""
import pytest
import torch
from mmengine.registry import TASK_UTILS

from .conftest import make_pairs, make_victim

BASELINES = [dict(type='FGSM'), dict(type='IFGSM'), dict(type='MIM'), dict(type='PGD'),
             dict(type='PGD', ink_only=True), dict(type='PGDStyle', w_style=1e3, w_tv=1e-3),
             dict(type='CW', lr=1e-2), dict(type='VMIFGSM', n_samples=2)]


@pytest.mark.parametrize('cfg', [dict(type='StyleTransferFPAttack', w_style=1e5),
                                 dict(type='NoStyleFPAttack'), dict(type='VMIFGSM', n_samples=2),
                                 dict(type='MIM'), dict(type='CW')])
def test_batch_equals_single_runs(cfg):
    model = make_victim()
    g, f = make_pairs(4)
    attack = TASK_UTILS.build(dict(cfg, iters=5, threshold=1e-4))
    batched = torch.stack([r['adv'] for r in attack.run(model, g, f)])
    single = torch.stack([attack.run(model, g[i:i + 1], f[i:i + 1])[0]['adv'] for i in range(4)])
    assert (batched - single).abs().max() < 1e-6


def test_only_image_gets_gradients_and_victim_unchanged():
    model = make_victim()
    g, f = make_pairs(2)
    probe = torch.rand(1, 2, 1, 24, 32, dtype=torch.float64)
    before = model(probe).clone()
    state = {k: v.clone() for k, v in model.state_dict().items()}
    attack = TASK_UTILS.build(dict(type='StyleTransferFPAttack', iters=3, threshold=1e-4))
    res = attack.run(model, g, f)
    assert all(p.grad is None for p in model.parameters())
    assert all(torch.equal(state[k], v) for k, v in model.state_dict().items())
    assert torch.equal(model(probe), before)
    assert not torch.equal(res[0]['adv'], res[0]['orig'])  # the image moved
    assert g.grad is None and f.grad is None


def _mean_d(model, g, x):
    with torch.no_grad():
        return float(model.pair_distance(g, x).mean())


@pytest.mark.parametrize('cfg', BASELINES, ids=lambda c: c['type'] + str(c.get('ink_only', '')))
def test_baseline_direction(cfg):
    model = make_victim(torch.float32)
    g, f = make_pairs(4, torch.float32)
    d0 = _mean_d(model, g, f)
    iters = 1 if cfg['type'] == 'FGSM' else 20
    down = TASK_UTILS.build(dict(cfg, iters=iters, threshold=1e-6))
    up = TASK_UTILS.build(dict(cfg, iters=iters, threshold=1e-6, legacy_sign=True))
    d_down = _mean_d(model, g, torch.stack([r['adv'] for r in down.run(model, g, f)]))
    d_up = _mean_d(model, g, torch.stack([r['adv'] for r in up.run(model, g, f)]))
    assert d_down < d0 < d_up


def test_style_attack_reaches_acceptance_and_early_stop():
    model = make_victim(torch.float32)
    g, f = make_pairs(2, torch.float32)
    d0 = model.pair_distance(g, f)
    tau = float(d0.min()) * 0.9
    res = TASK_UTILS.build(dict(type='NoStyleFPAttack', iters=30, lr=5e-2, w_diff=1e-5,
                                threshold=tau, early_stop_on_success=True)).run(model, g, f)
    assert any(r['success'] for r in res)
    assert all((r['first_success_iter'] >= 0) == r['success'] for r in res)


def test_bad_objective_raises():
    with pytest.raises(ValueError, match='objective'):
        TASK_UTILS.build(dict(type='PGD', objective='increase'))
