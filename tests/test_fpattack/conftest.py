# Copyright (c) mmcontrast contributors. All rights reserved.
import pytest
import torch

import mmcontrast.pretrain  # noqa: F401
from mmcontrast.pretrain.fpattack import SiameseVerifier

SIZE = (24, 32)


def make_victim(dtype=torch.float64, seed=0, arch='port'):
    torch.manual_seed(seed)
    m = SiameseVerifier(backbone=dict(type='SigNet', in_size=SIZE, width_mult=0.0625, arch=arch),
                        threshold=0.01).to(dtype).eval()
    for p in m.parameters():
        p.requires_grad_(False)
    return m


def make_pairs(n=4, dtype=torch.float64, seed=1):
    gen = torch.Generator().manual_seed(seed)
    g = (torch.rand((n, 1) + SIZE, generator=gen) > 0.7).to(dtype) * 0.9
    f = (torch.rand((n, 1) + SIZE, generator=gen) > 0.7).to(dtype) * 0.9
    return g, f


@pytest.fixture
def victim():
    return make_victim()
