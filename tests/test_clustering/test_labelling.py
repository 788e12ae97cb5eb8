# Copyright (c) mmcontrast contributors. All rights reserved.
import pytest
import torch

from mmcontrast.clustering import forgery_score, largest_cluster_pristine


def ids_of(sizes):
    return torch.cat([torch.full((n,), i) for i, n in sizes])


def test_three_clusters_largest_pristine():
    ids = ids_of([(0, 800), (1, 3000), (2, 296)])
    lab = largest_cluster_pristine(ids)
    assert lab[ids == 1].sum() == 0 and lab[ids != 1].eq(1).all()


@pytest.mark.parametrize('noise,expect_noise', [('as_cluster', 1), ('pristine', 0), ('forged', 1)])
def test_noise_modes(noise, expect_noise):
    ids = ids_of([(-1, 296), (0, 800), (1, 3000)])
    lab = largest_cluster_pristine(ids, noise)
    assert lab[ids == 1].sum() == 0 and lab[ids == 0].eq(1).all()
    assert lab[ids == -1].eq(expect_noise).all()


def test_noise_largest_group_is_pristine_as_cluster():
    ids = ids_of([(-1, 3000), (0, 800)])
    lab = largest_cluster_pristine(ids, 'as_cluster')
    assert lab[ids == -1].sum() == 0 and lab[ids == 0].eq(1).all()


def test_noise_nearest_uses_features():
    ids = torch.tensor([0, 0, 0, 1, 1, -1, -1])
    feats = torch.tensor([[1., 0]] * 3 + [[0., 1]] * 2 + [[1., .1], [.1, 1.]])
    lab = largest_cluster_pristine(ids, 'nearest', feats)
    assert lab.tolist() == [0, 0, 0, 1, 1, 0, 1]
    with pytest.raises(ValueError, match='feats'):
        largest_cluster_pristine(ids, 'nearest')


@pytest.mark.parametrize('noise', ['as_cluster', 'pristine', 'forged', 'nearest'])
def test_single_group_all_pristine(noise):
    feats = torch.randn(10, 3)
    assert largest_cluster_pristine(torch.full((10,), -1), noise, feats).sum() == 0
    assert largest_cluster_pristine(torch.zeros(10, dtype=torch.long), noise, feats).sum() == 0


def test_ties_lowest_id_pristine():
    assert largest_cluster_pristine(ids_of([(0, 5), (1, 5)])).tolist() == [0] * 5 + [1] * 5
    # a real cluster beats noise on a tie
    assert largest_cluster_pristine(ids_of([(-1, 5), (0, 5)])).tolist() == [1] * 5 + [0] * 5


def test_score():
    feats = torch.tensor([[[1., 0], [1., 0], [0., 1]]])
    assert torch.allclose(forgery_score(feats, torch.tensor([[0, 0, 1]])), torch.tensor([1.]))
    assert forgery_score(feats, torch.zeros(1, 3, dtype=torch.long)).item() == 0
