# Copyright (c) mmcontrast contributors. All rights reserved.
import torch

from mmcontrast.contrastive.samplers import sample_group_indices, sample_two_groups


def test_cap_membership_and_padding():
    member = torch.zeros(3, 50, dtype=torch.bool)
    member[0, :30] = True      # more than the cap
    member[1, 10:13] = True    # fewer than the cap
    out = sample_group_indices(member, cap=8, generator=torch.Generator().manual_seed(0))
    assert out['index'].shape == (3, 8)
    assert out['valid'].sum(1).tolist() == [8, 3, 0]
    for b in range(3):
        idx = out['index'][b][out['valid'][b]]
        assert member[b, idx].all() and len(set(idx.tolist())) == len(idx)
    assert sorted(out['index'][1][out['valid'][1]].tolist()) == [10, 11, 12]


def test_generator_reproducible_and_roughly_uniform():
    member = torch.ones(1, 20, dtype=torch.bool)
    a = sample_group_indices(member, 5, torch.Generator().manual_seed(1))['index']
    b = sample_group_indices(member, 5, torch.Generator().manual_seed(1))['index']
    assert torch.equal(a, b)
    g = torch.Generator().manual_seed(2)
    counts = torch.zeros(20)
    for _ in range(400):
        counts[sample_group_indices(member, 5, g)['index'][0]] += 1
    assert counts.min() > 50 and counts.max() < 150  # expectation 100


def test_two_groups_gather_features():
    feats = torch.arange(2 * 6 * 2, dtype=torch.float).view(2, 6, 2)
    labels = torch.tensor([[0, 1, 0, 255, 1, 0], [1, 1, 1, 1, 1, 1]])
    s = sample_two_groups(feats, labels, cap=10)
    assert s['q'].shape == (2, 6, 2) and s['q_valid'].sum().item() == 3
    for b in range(2):
        got = s['q'][b][s['q_valid'][b]]
        want = feats[b][s['q_index'][b][s['q_valid'][b]]]
        assert torch.equal(got, want)
    assert s['n_valid'][1].all() and (s['q'][1] == 0).all()
