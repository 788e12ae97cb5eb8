# Copyright (c) mmcontrast contributors. All rights reserved.
"""MomentumTeacher and its update rules (EMA, cosine EMA, official CLLD, CTP three-way)."""
import ast
import copy
import math
import os.path as osp

import pytest
import torch
import torch.nn as nn
from mmengine.logging import MessageHub
from mmengine.model import ExponentialMovingAverage

import mmcontrast.contrastive.teacher as teacher_mod
from mmcontrast.contrastive.teacher import (CompatibleMomentumRule, CosineEMARule, EMARule,
                                            MomentumTeacher, SineCompoundingRule)
from mmcontrast.registry import MODELS


def _net(seed=0):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2))


def _perturb(net, scale=0.1):
    with torch.no_grad():
        for p in net.parameters():
            p.add_(scale * torch.randn_like(p))
        net(torch.randn(5, 3))  # moves the BN running stats


def test_core_module_imports_torch_and_mmengine_only():
    tree = ast.parse(open(teacher_mod.__file__).read())
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {a.name.split('.')[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            roots.add(node.module.split('.')[0])
    assert roots <= {'abc', 'math', 'typing', 'torch', 'mmengine', 'mmcontrast'}, roots
    assert osp.basename(teacher_mod.__file__) == 'teacher.py'


def test_ema_rule_is_bitwise_mmengine_ema():
    student = _net()
    ours = MomentumTeacher(student, rule=dict(type='EMARule', momentum=0.1))
    ref = ExponentialMovingAverage(student, momentum=0.1)
    for _ in range(4):
        ours.update_parameters(student)
        ref.update_parameters(student)
        _perturb(student)
    for (k, a), (_, b) in zip(ours.module.state_dict().items(), ref.module.state_dict().items()):
        assert torch.equal(a, b), k
    assert int(ours.steps) == int(ref.steps) == 4


def test_cosine_rule_follows_the_recursion_and_mmpretrain():
    from mmpretrain.models.utils import CosineEMA
    total = 10
    MessageHub.get_current_instance().update_info('max_iters', total)
    student = _net()
    ours = MomentumTeacher(student, rule=dict(type='CosineEMARule', momentum=0.004))
    ref = CosineEMA(student, momentum=0.004, end_momentum=0.)
    expect = None
    for t in range(total + 1):
        _perturb(student)
        ours.update_parameters(student)
        ref.update_parameters(student)
        w = student[0].weight.detach().double()
        if t == 0:
            expect = w.clone()
        else:
            m = 1 - 0.004 * (1 + math.cos(math.pi * t / total)) / 2
            expect = m * expect + (1 - m) * w
            if t == total // 2:
                assert m == pytest.approx(0.998)
        torch.testing.assert_close(ours.module[0].weight.double(), expect, atol=1e-6, rtol=0)
    for a, b in zip(ours.module.parameters(), ref.module.parameters()):
        torch.testing.assert_close(a, b, atol=1e-7, rtol=0)
    assert CosineEMARule(0.004).rate(total) == 0.0  # m = 1 at max_iters


def test_cosine_rule_without_max_iters_says_what_to_set():
    hub = MessageHub.get_current_instance()
    saved = hub.get_info('max_iters')
    hub.update_info('max_iters', None)
    try:
        with pytest.raises(RuntimeError, match='max_iters'):
            CosineEMARule().rate(1)
    finally:
        hub.update_info('max_iters', saved)


def test_sine_compounding_rule_official_values_and_order():
    student = nn.Linear(1, 1, bias=False)
    teacher = MomentumTeacher(student, rule=dict(type='SineCompoundingRule', momentum=0.01))
    ms, expect = [], None
    for k in range(57):
        with torch.no_grad():
            student.weight.add_(1.0)
        m_before = float(teacher.rule.keep_momentum)
        teacher.update_parameters(student)
        w = float(student.weight)
        # official: average with the current m (copy at k = 0), then compound m
        expect = w if k == 0 else m_before * expect + (1 - m_before) * w
        assert float(teacher.module.weight) == pytest.approx(expect, rel=1e-6)
        ms.append(float(teacher.rule.keep_momentum))
    assert ms[0] == pytest.approx(0.99)
    assert ms[1] == pytest.approx(0.9901571, abs=5e-8)
    assert ms[54] < 1.0 and ms[55] == 1.0 and ms[56] == 1.0
    frozen = teacher.module.weight.detach().clone()
    with torch.no_grad():
        student.weight.add_(5.0)
    teacher.update_parameters(student)
    assert torch.equal(teacher.module.weight, frozen)  # m == 1: the target no longer moves


def test_compatible_rule_task0_and_three_way():
    student, reference = _net(0), _net(1)
    for p in reference.parameters():
        p.requires_grad_(False)
    ref_before = copy.deepcopy(reference.state_dict())
    teacher = MomentumTeacher(student, rule=dict(type='CompatibleMomentumRule'), eval_mode=True)
    teacher.update_parameters(student)  # step 0: copy
    _perturb(student)
    old = teacher.module[0].weight.detach().clone()
    teacher.update_parameters(student)  # task 0
    torch.testing.assert_close(teacher.module[0].weight, 0.995 * old + 0.005 * student[0].weight)
    for _ in range(3):  # task >= 1
        _perturb(student)
        old = teacher.module[0].weight.detach().clone()
        teacher.update_parameters(student, reference=reference)
        torch.testing.assert_close(
            teacher.module[0].weight,
            0.90 * old + 0.05 * student[0].weight + 0.05 * reference[0].weight)
    for k, v in reference.state_dict().items():
        assert torch.equal(v, ref_before[k]), k


def test_teacher_gets_no_gradient_and_keeps_eval_mode():
    student = _net()
    teacher = MomentumTeacher(student, rule=EMARule(0.5), eval_mode=True)
    assert all(not p.requires_grad for p in teacher.parameters())
    teacher.train()
    assert not teacher.module.training
    out = student(torch.randn(4, 3)).sum() + teacher(torch.randn(4, 3)).sum()
    out.backward()
    assert all(p.grad is None for p in teacher.parameters())
    follows = MomentumTeacher(student)
    follows.train()
    assert follows.module.training


def test_state_dict_round_trip_restores_steps_and_rule_state():
    student = _net()
    a = MomentumTeacher(student, rule=SineCompoundingRule(0.01))
    for _ in range(5):
        a.update_parameters(student)
        _perturb(student)
    b = MomentumTeacher(_net(3), rule=SineCompoundingRule(0.01))
    b.load_state_dict(a.state_dict())
    assert 'rule.keep_momentum' in a.state_dict()
    assert int(b.steps) == 5 and float(b.rule.keep_momentum) == float(a.rule.keep_momentum)
    a.update_parameters(student)
    b.update_parameters(student)
    for x, y in zip(a.state_dict().values(), b.state_dict().values()):
        assert torch.equal(x, y)


def test_interval_copy_from_build_and_errors():
    student = _net()
    teacher = MODELS.build(
        dict(type='MomentumTeacher', rule=dict(type='EMARule', momentum=0.5), interval=2),
        default_args=dict(model=student))
    teacher.update_parameters(student)
    _perturb(student)
    old = teacher.module[0].weight.detach().clone()
    teacher.update_parameters(student)  # steps 1: skipped by interval 2
    assert torch.equal(teacher.module[0].weight, old)
    teacher.update_parameters(student)  # steps 2: blended
    assert not torch.equal(teacher.module[0].weight, old)
    teacher.copy_from(student)
    for a, b in zip(teacher.module.state_dict().values(), student.state_dict().values()):
        assert torch.equal(a, b)
    with pytest.raises(ValueError, match='reference'):
        teacher.update_parameters(student, reference=student)
    with pytest.raises(KeyError, match='lacks'):
        teacher.update_parameters(nn.Sequential(nn.Linear(3, 4)))
    with pytest.raises(TypeError, match='MomentumRule'):
        MomentumTeacher(student, rule=nn.Identity())
    with pytest.raises(ValueError, match='momentum'):
        EMARule(0.)
    with pytest.raises(ValueError, match='student_weight'):
        CompatibleMomentumRule(student_weight=0.6, reference_weight=0.5)


def test_rule_base_is_abstract():
    """A rule without ``forward`` cannot be built (no silent no-op teacher)."""
    from mmcontrast.contrastive.teacher import MomentumRule

    class NoBlend(MomentumRule):
        pass

    with pytest.raises(TypeError, match='abstract'):
        NoBlend()
