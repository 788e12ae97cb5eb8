# Copyright (c) mmcontrast contributors. All rights reserved.
import pytest
import torch
import torch.nn.functional as F

from mmcontrast.clustering import KMeans2Clusterer, kmeans2_cosine
from mmcontrast.registry import MODELS


def blobs(n0=300, n1=60, C=16, seed=0, spread=0.15):
    """Two well-separated unit-norm blobs; returns feats (n, C), mask (n,)."""
    g = torch.Generator().manual_seed(seed)
    c0, c1 = torch.randn(2, C, generator=g)
    x = torch.cat([c0 + spread * torch.randn(n0, C, generator=g),
                   c1 + spread * torch.randn(n1, C, generator=g)])
    mask = torch.cat([torch.zeros(n0), torch.ones(n1)]).long()
    perm = torch.randperm(n0 + n1, generator=g)
    return F.normalize(x[perm], dim=-1), mask[perm]


def same_partition(a, b):
    return torch.equal(a, b) or torch.equal(a, 1 - b)


def test_matches_torch_kmeans_per_image():
    torch_kmeans = pytest.importorskip('torch_kmeans')
    from torch_kmeans.utils.distances import CosineSimilarity
    g = torch.Generator().manual_seed(0)
    xs = [blobs(seed=s)[0] for s in range(3)]
    xs += [F.normalize(torch.randn(200, 8, generator=g), dim=-1) for _ in range(4)]
    xs += [torch.randn(150, 6, generator=g) * 2 for _ in range(2)]  # not unit norm
    for x in xs:
        ref = torch_kmeans.KMeans(n_clusters=2, distance=CosineSimilarity, verbose=False)
        ref_res = ref(x[None])
        ours = kmeans2_cosine(x[None])
        assert torch.equal(ours['ids'][0], ref_res.labels[0])
        assert torch.allclose(ours['centres'][0], ref_res.centers[0], atol=1e-5)
        assert torch.allclose(ours['inertia'][0], ref_res.inertia[0], rtol=1e-4)


def test_matches_sklearn_on_separable_blobs_and_batching():
    from sklearn.cluster import KMeans
    xs, masks = zip(*[blobs(seed=s) for s in range(4)])
    x = torch.stack(xs)
    out = kmeans2_cosine(x)
    for b in range(4):
        sk = KMeans(2, n_init=4, random_state=0).fit_predict(xs[b].numpy())
        assert same_partition(out['ids'][b], torch.from_numpy(sk).long())
        assert torch.equal(out['ids'][b], kmeans2_cosine(x[b:b + 1])['ids'][0])


def test_clusterer_recovers_mask_with_largest_pristine():
    xs, masks = zip(*[blobs(n0=250, n1=80, seed=s) for s in range(3)])
    out = MODELS.build(dict(type='KMeans2Clusterer'))(torch.stack(xs))
    assert torch.equal(out['labels'], torch.stack(masks))  # not only up to a swap
    assert (out['score'] > 0.5).all()


def test_tie_keeps_cluster_one_forged():
    x = F.normalize(torch.tensor([[1., 0.], [1., .01], [0., 1.], [.01, 1.]]), dim=-1)
    out = KMeans2Clusterer()(x[None])
    ids = kmeans2_cosine(x[None])['ids'][0]
    assert torch.equal(out['labels'][0], ids)


def test_cosine_assignment_option():
    x, mask = blobs(seed=5)
    out = kmeans2_cosine(x[None], assignment='cosine')
    assert same_partition(out['ids'][0], mask)
    assert KMeans2Clusterer(assignment='cosine')(x[None])['labels'][0].tolist() == mask.tolist()


def test_validation():
    with pytest.raises(ValueError, match='assignment'):
        KMeans2Clusterer(assignment='euclidean')
    with pytest.raises(ValueError, match='num_init'):
        KMeans2Clusterer(num_init=0)
    with pytest.raises(ValueError, match='tol'):
        KMeans2Clusterer(tol=2)
    with pytest.raises(ValueError, match='at least 3'):
        kmeans2_cosine(torch.randn(1, 2, 4))


def test_batched_init_matches_torch_kmeans_on_a_batch():
    """init='batched' reproduces torch-kmeans called on a (B, N, C) batch (the official
    batched validation); init='per_image' gives every image the single-image result."""
    torch_kmeans = pytest.importorskip('torch_kmeans')
    from torch_kmeans.utils.distances import CosineSimilarity
    g = torch.Generator().manual_seed(1)
    x = F.normalize(torch.randn(3, 120, 6, generator=g), dim=-1) * 2 ** 0.5
    ref = torch_kmeans.KMeans(n_clusters=2, distance=CosineSimilarity, verbose=False)(x)
    batched = kmeans2_cosine(x, init='batched')
    per_image = kmeans2_cosine(x)
    for b in range(3):  # restarts of equal inertia may number the two clusters differently
        assert same_partition(batched['ids'][b], ref.labels[b])
        single = torch_kmeans.KMeans(n_clusters=2, distance=CosineSimilarity,
                                     verbose=False)(x[b:b + 1])
        assert same_partition(per_image['ids'][b], single.labels[0])
    assert torch.allclose(batched['inertia'], ref.inertia, rtol=1e-5)
    assert torch.equal(batched['ids'][0], per_image['ids'][0])  # same draw for image 0
    assert not all(same_partition(batched['ids'][b], per_image['ids'][b]) for b in (1, 2))
    assert KMeans2Clusterer(init='batched').init == 'batched'
    with pytest.raises(ValueError, match='init'):
        KMeans2Clusterer(init='kmeans++')
