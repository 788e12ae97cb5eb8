"""The SupCon miner: dropped ignored rows, self-key columns and positive counts vs a loop."""
import pytest
import torch

from mmcontrast.contrastive.miners import class_positives, drop_ignored_pairs


def _loop_positives(la, lk, exclude_diagonal):
    """Naive count over the original indices: same label, both valid, not (i, i)."""
    counts = []
    for i, a in enumerate(la.tolist()):
        if a < 0:
            continue
        counts.append(sum(1 for j, k in enumerate(lk.tolist())
                          if k == a and not (exclude_diagonal and i == j)))
    return torch.tensor(counts)


@pytest.mark.parametrize('exclude_diagonal', [True, False])
def test_counts_match_loop_with_ignored_rows(exclude_diagonal):
    g = torch.Generator().manual_seed(0)
    la = torch.randint(-1, 4, (37,), generator=g)
    feats = torch.randn(37, 5, generator=g)
    pairs = drop_ignored_pairs(feats, la, None, None, exclude_diagonal)
    assert torch.equal(pairs.anchors, feats[la >= 0])
    pos = class_positives(pairs.anchor_labels, pairs.key_labels, pairs.self_col)
    assert torch.equal(pos.num_positives, _loop_positives(la, la, exclude_diagonal))
    # class indices point at the right labels
    assert torch.equal(pos.classes[pos.key_class], pairs.key_labels)
    if exclude_diagonal:
        # the self column is the anchor's own (valid) row among the kept keys
        assert torch.equal(pairs.keys[pairs.self_col], pairs.anchors)


def test_cross_modal_self_key_dropped_when_key_ignored():
    la = torch.tensor([0, 0, 1, 1])
    lk = torch.tensor([0, -1, 1, 2])  # key 1 ignored, key 3 relabelled
    a, k = torch.randn(4, 3), torch.randn(4, 3)
    pairs = drop_ignored_pairs(a, la, k, lk, exclude_diagonal=True)
    assert pairs.self_col.tolist() == [0, -1, 1, 2]
    pos = class_positives(pairs.anchor_labels, pairs.key_labels, pairs.self_col)
    assert pos.num_positives.tolist() == _loop_positives(la, lk, True).tolist() == [0, 1, 0, 1]
    assert pos.self_is_positive.tolist() == [True, False, True, False]


def test_absent_anchor_class_has_no_positives():
    pos = class_positives(torch.tensor([5, 1]), torch.tensor([1, 1, 2]), None)
    assert pos.num_positives.tolist() == [0, 2]


def test_bad_shapes_name_the_argument():
    with pytest.raises(ValueError, match='anchor_labels must have N=3'):
        drop_ignored_pairs(torch.randn(3, 2), torch.zeros(2, dtype=torch.long), None, None, True)
    with pytest.raises(ValueError, match='exclude_diagonal=True'):
        drop_ignored_pairs(torch.randn(3, 2), torch.zeros(3, dtype=torch.long),
                           torch.randn(4, 2), torch.zeros(4, dtype=torch.long), True)
