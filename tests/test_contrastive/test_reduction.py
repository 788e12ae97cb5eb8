# Copyright (c) mmcontrast contributors. All rights reserved.
import pytest
import torch

from mmcontrast.contrastive.engine import valid_mean


def test_valid_mean_matches_masked_loop():
    losses = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
    valid = torch.tensor([True, False, True, False])
    out = valid_mean(losses, valid, zero=losses.sum() * 0)
    assert out.item() == pytest.approx((1.0 + 3.0) / 2)
    out.backward()
    assert losses.grad.tolist() == [0.5, 0.0, 0.5, 0.0]


def test_valid_mean_without_mask_and_when_nothing_is_valid():
    losses = torch.tensor([1.0, 3.0], requires_grad=True)
    assert valid_mean(losses, None, zero=losses.sum() * 0).item() == 2.0
    zero = valid_mean(losses, torch.zeros(2, dtype=torch.bool), zero=losses.sum() * 0)
    assert zero.item() == 0.0 and zero.requires_grad
    empty = torch.zeros(0, requires_grad=True)
    assert valid_mean(empty, None, zero=empty.sum() * 0).item() == 0.0


def test_valid_mean_rejects_a_mask_of_the_wrong_length():
    with pytest.raises(ValueError, match='valid must have B=2'):
        valid_mean(torch.ones(2), torch.ones(3, dtype=torch.bool), zero=torch.zeros(()))
