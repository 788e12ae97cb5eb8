# Copyright (c) mmcontrast contributors. All rights reserved.
"""Class-balanced (image, class)-group sampler of SMMCL."""
import pytest
import torch

from mmcontrast.contrastive.samplers import class_balanced_sample


def _labels():
    """Two 6x8 images with known per-(image, class) counts; 255 present."""
    y = torch.full((2, 6, 8), 255, dtype=torch.long)
    y[0, :3] = 0            # (0, 0): 24 cells
    y[0, 3:5] = 1           # (0, 1): 16 cells
    y[0, 5, :3] = 2         # (0, 2): 3 cells (< min_views=5: no group)
    y[1, :, :4] = 1         # (1, 1): 24 cells
    y[1, :, 4:6] = 3        # (1, 3): 12 cells
    return y                # 255 fills the rest


def _check_membership(y, index, labels):
    flat = y.reshape(-1)
    assert torch.equal(flat[index], labels)
    assert not (flat[index] == 255).any()


def test_groups_views_and_membership():
    y = _labels()
    s = class_balanced_sample(y, num_classes=4, min_views=5, max_views=300, max_total=4800,
                              generator=torch.Generator().manual_seed(0))
    assert s.num_groups == 4                      # (0,0) (0,1) (1,1) (1,3); (0,2) too small
    assert s.views == 12                          # smallest group
    assert s.index_a.numel() == s.index_b.numel() == 48
    _check_membership(y, s.index_a, s.labels)
    _check_membership(y, s.index_b, s.labels)
    # every group contributes V distinct cells of its own image
    image = s.index_a // (6 * 8)
    for b, c in [(0, 0), (0, 1), (1, 1), (1, 3)]:
        sel = (image == b) & (s.labels == c)
        assert int(sel.sum()) == 12
        assert s.index_a[sel].unique().numel() == 12
        assert s.index_b[sel].unique().numel() == 12
        assert ((s.index_b[sel] // 48) == b).all()
    assert not (s.labels == 2).any()


def test_max_views_and_max_total_caps():
    y = _labels()
    s = class_balanced_sample(y, 4, min_views=5, max_views=7)
    assert s.views == 7 and s.index_a.numel() == 28
    s = class_balanced_sample(y, 4, min_views=5, max_views=300, max_total=30)
    assert s.views == 30 // 4 == 7 and s.index_a.numel() == 28
    assert class_balanced_sample(y, 4, min_views=5, max_total=3) is None   # V would be 0


def test_no_group_cases():
    assert class_balanced_sample(torch.full((2, 4, 4), 255), 4) is None
    y = torch.zeros(1, 2, 2, dtype=torch.long)                             # 4 cells < 5
    assert class_balanced_sample(y, 4, min_views=5) is None
    y = torch.full((1, 4, 4), 7)                                           # out of range ids
    assert class_balanced_sample(y, 4, min_views=1) is None


def test_independent_vs_paired_draws():
    y = _labels()
    s = class_balanced_sample(y, 4, min_views=5, max_views=5,
                              generator=torch.Generator().manual_seed(1))
    assert not torch.equal(s.index_a, s.index_b)            # independent draws differ
    assert torch.equal(y.reshape(-1)[s.index_a], y.reshape(-1)[s.index_b])  # same groups per row
    p = class_balanced_sample(y, 4, min_views=5, max_views=5, paired=True,
                              generator=torch.Generator().manual_seed(1))
    assert torch.equal(p.index_a, p.index_b)


def test_deterministic_under_generator_and_random_otherwise():
    y = _labels()
    a = class_balanced_sample(y, 4, max_views=5, generator=torch.Generator().manual_seed(3))
    b = class_balanced_sample(y, 4, max_views=5, generator=torch.Generator().manual_seed(3))
    c = class_balanced_sample(y, 4, max_views=5, generator=torch.Generator().manual_seed(4))
    assert torch.equal(a.index_a, b.index_a) and torch.equal(a.index_b, b.index_b)
    assert not torch.equal(a.index_a, c.index_a)


def test_uniform_within_group():
    """Each cell of a group is drawn with probability V / count."""
    y = torch.zeros(1, 4, 5, dtype=torch.long)
    y[0, 0, :4] = 1                                           # group sizes 16 and 4 -> V = 4
    g = torch.Generator().manual_seed(0)
    hits = torch.zeros(20)
    for _ in range(400):
        s = class_balanced_sample(y, 2, min_views=1, generator=g)
        hits += torch.bincount(s.index_a, minlength=20).float()
    cls0 = (y.reshape(-1) == 0)
    assert torch.allclose(hits[cls0] / 400, torch.full((16,), 0.25), atol=0.1)
    assert torch.equal(hits[~cls0], torch.full((4,), 400.))


@pytest.mark.parametrize('kwargs', [dict(min_views=0), dict(max_views=0), dict(max_total=0),
                                    dict(num_classes=0)])
def test_bad_arguments(kwargs):
    args = dict(num_classes=4)
    args.update(kwargs)
    with pytest.raises(ValueError):
        class_balanced_sample(_labels(), **args)
    with pytest.raises(ValueError):
        class_balanced_sample(torch.zeros(4, 4, dtype=torch.long), 4)


def test_max_views_one_official_switch():
    """max_views=1 caps V at 1 (default); the official rule (cap only if > 1) drops the cap."""
    y = _labels()
    capped = class_balanced_sample(y, num_classes=4, min_views=1, max_views=1,
                                   generator=torch.Generator().manual_seed(0))
    assert capped.views == 1 and capped.index_a.numel() == capped.num_groups
    official = class_balanced_sample(y, num_classes=4, min_views=1, max_views=1,
                                     generator=torch.Generator().manual_seed(0),
                                     cap_single_view=False)
    ref = class_balanced_sample(y, num_classes=4, min_views=1, max_views=10**6,
                                generator=torch.Generator().manual_seed(0))
    assert official.views == ref.views > 1
    assert torch.equal(official.index_a, ref.index_a)
    # max_views > 1 is a cap under both rules
    a = class_balanced_sample(y, 4, min_views=1, max_views=2, cap_single_view=False)
    assert a.views == 2
