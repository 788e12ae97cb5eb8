# Copyright (c) mmcontrast contributors. All rights reserved.
import pytest
import torch
from mmengine.registry import PARAM_SCHEDULERS

import mmcontrast  # noqa: F401


def test_multipliers_at_epochs():
    opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=1.0)
    sched = PARAM_SCHEDULERS.build(dict(type='CompoundingCosineLR', optimizer=opt, T_max=100))
    lrs = []
    for _ in range(41):
        lrs.append(opt.param_groups[0]['lr'])
        opt.step()
        sched.step()
    assert lrs[0] == 1.0
    for e, ref in ((10, 0.9091), (20, 0.4889), (30, 0.0917), (40, 0.00334)):
        assert lrs[e] == pytest.approx(ref, rel=2e-3)


def test_validation():
    opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=1.0)
    with pytest.raises(ValueError, match='T_max'):
        PARAM_SCHEDULERS.build(dict(type='CompoundingCosineLR', optimizer=opt, T_max=0))
