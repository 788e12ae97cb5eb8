# Copyright (c) mmcontrast contributors. All rights reserved.
import pytest
import torch
import torch.nn as nn
from mmengine.logging import MessageHub
from mmpretrain.models.utils import CosineEMA

from mmcontrast.pretrain.models.utils import SineCompoundingEMA


def test_official_rule_values():
    ema = SineCompoundingEMA(nn.Linear(2, 2), momentum=0.01)
    src = nn.Linear(2, 2)
    ms = []
    for _ in range(57):
        ema.update_parameters(src)
        ms.append(float(ema.keep_momentum))
    assert ms[0] == pytest.approx(0.99)
    assert ms[1] == pytest.approx(0.9901571, abs=5e-8)
    assert ms[54] < 1.0 and ms[55] == 1.0 and ms[56] == 1.0


def test_official_rule_averages_with_current_m():
    src = nn.Linear(1, 1, bias=False)
    ema = SineCompoundingEMA(src, momentum=0.01)
    ema.update_parameters(src)  # copy
    old = ema.module.weight.detach().clone()
    with torch.no_grad():
        src.weight.add_(1.0)
    m = float(ema.keep_momentum)  # the current m, read before the update (official order)
    ema.update_parameters(src)
    torch.testing.assert_close(ema.module.weight, m * old + (1 - m) * src.weight)
    assert float(ema.keep_momentum) > m  # compounded after averaging


def test_cosine_ema_schedule():
    hub = MessageHub.get_current_instance()
    hub.update_info('max_iters', 10)
    src = nn.Linear(1, 1, bias=False)
    ema = CosineEMA(src, momentum=0.01, end_momentum=0.)
    ema.update_parameters(src)  # step 0: copy
    old = ema.module.weight.detach().clone()
    with torch.no_grad():
        src.weight.add_(1.0)
    # At steps = 0 the cosine factor is 1 -> update rate 0.01 (keep 0.99) ...
    ema.steps.fill_(0)
    ema.avg_func(ema.module.weight.data, src.weight.data, 0)
    torch.testing.assert_close(ema.module.weight, 0.99 * old + 0.01 * src.weight)
    # ... and at max_iters the rate is 0: the target stops moving.
    before = ema.module.weight.detach().clone()
    ema.avg_func(ema.module.weight.data, src.weight.data, 10)
    torch.testing.assert_close(ema.module.weight, before)


def test_checkpoints_of_the_earlier_layout_still_load():
    src = nn.Linear(2, 2)
    ema = SineCompoundingEMA(src, momentum=0.01)
    for _ in range(3):
        ema.update_parameters(src)
    state = ema.state_dict()
    state['keep_momentum'] = state.pop('rule.keep_momentum')  # earlier key
    fresh = SineCompoundingEMA(nn.Linear(2, 2), momentum=0.01)
    fresh.load_state_dict(state)
    assert float(fresh.keep_momentum) == float(ema.keep_momentum) and int(fresh.steps) == 3
