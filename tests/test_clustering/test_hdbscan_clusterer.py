# Copyright (c) mmcontrast contributors. All rights reserved.
import numpy as np
import pytest
import torch
import torch.nn.functional as F

from mmcontrast.clustering import HDBSCANClusterer
from mmcontrast.registry import MODELS


def blobs(sizes, C=8, seed=0, spread=0.05):
    g = torch.Generator().manual_seed(seed)
    centres = torch.randn(len(sizes), C, generator=g) * 3
    x = torch.cat([c + spread * torch.randn(n, C, generator=g) for c, n in zip(centres, sizes)])
    ids = torch.cat([torch.full((n,), i) for i, n in enumerate(sizes)])
    return F.normalize(x, dim=-1), ids


def test_matches_sklearn_hdbscan():
    from sklearn.cluster import HDBSCAN
    x, _ = blobs([500, 250])
    x = x + 0.02 * torch.randn_like(x)
    clus = MODELS.build(dict(type='HDBSCANClusterer', min_cluster_size=200))
    ours = clus.cluster_ids(x[None])[0].numpy()
    ref = HDBSCAN(min_cluster_size=200).fit_predict(F.normalize(x, dim=-1).numpy())
    np.testing.assert_array_equal(ours, ref)


def test_recovers_mask_and_batches_in_parallel():
    xs, masks = [], []
    for s in range(2):
        x, ids = blobs([300, 120], seed=s)
        xs.append(x)
        masks.append(ids)
    out = HDBSCANClusterer(min_cluster_size=50, n_jobs=2)(torch.stack(xs))
    assert torch.equal(out['labels'], torch.stack(masks))
    assert out['score'].shape == (2,)


def test_single_cluster_is_all_pristine():
    x, _ = blobs([400])
    out = HDBSCANClusterer(min_cluster_size=50)(x[None])
    assert out['labels'].sum() == 0 and out['score'].item() == 0


def test_too_few_points_is_all_pristine():
    out = HDBSCANClusterer(min_cluster_size=200)(torch.randn(1, 64, 4))
    assert (out['ids'] == -1).all() and out['labels'].sum() == 0


def test_validation():
    with pytest.raises(ValueError, match='noise'):
        HDBSCANClusterer(noise='drop')
    with pytest.raises(ValueError, match='min_cluster_size'):
        HDBSCANClusterer(min_cluster_size=1)
