# Copyright (c) mmcontrast contributors. All rights reserved.
"""FOCAL's labelling rule: the largest cluster of an image is pristine.

Wu et al., "Rethinking Image Forgery Detection via Contrastive Learning and
Unsupervised Clustering" (arXiv 2308.09307): a forged region is, by definition,
the minority of an image, so after clustering the features of one image the
largest cluster is labelled pristine (0) and every other cluster forged (1)
(author, official issue #12). Ties go to the lowest cluster id, which is the
official KMeans behaviour (label 1 stays forged when both halves are equal).
"""
from typing import Optional

import torch
import torch.nn.functional as F
from torch import Tensor

NOISE_MODES = ('as_cluster', 'pristine', 'forged', 'nearest')


def largest_cluster_pristine(ids: Tensor, noise: str = 'as_cluster',
                             feats: Optional[Tensor] = None) -> Tensor:
    """Map cluster ids of one image to pristine (0) / forged (1).

    Args:
        ids (Tensor): (N,) integer cluster ids, ``-1`` = noise (HDBSCAN).
        noise (str): Treatment of noise points: ``'as_cluster'`` (noise is one
            more group: forged unless it is the largest), ``'pristine'``,
            ``'forged'`` or ``'nearest'`` (each noise point joins the cluster
            with the most cosine-similar mean feature). Defaults to 'as_cluster'.
        feats (Tensor, optional): (N, C) features, required by ``'nearest'``.

    Returns:
        Tensor: (N,) long labels in {0, 1}. One group only (a single cluster
        without noise, or all noise) gives all pristine.
    """
    if noise not in NOISE_MODES:
        raise ValueError(f'noise must be one of {NOISE_MODES}, got {noise!r}')
    ids = ids.long()
    is_noise = ids < 0
    clusters = torch.unique(ids[~is_noise])
    if noise == 'nearest' and is_noise.any() and clusters.numel() > 0:
        if feats is None:
            raise ValueError("noise='nearest' needs the features (feats=...)")
        f = F.normalize(feats.float(), dim=-1)
        means = torch.stack([f[ids == c].mean(0) for c in clusters])
        nearest = (f[is_noise] @ F.normalize(means, dim=-1).T).argmax(1)
        ids = ids.clone()
        ids[is_noise] = clusters[nearest]
        is_noise = torch.zeros_like(is_noise)
    if noise == 'as_cluster':
        groups, counts = torch.unique(ids, return_counts=True)  # -1 first if present
        if groups.numel() <= 1:
            return torch.zeros_like(ids)
        # ties: lowest real cluster id wins over noise and over higher ids
        order = torch.where(groups < 0, groups.max() + 1, groups)
        best = counts.max()
        pristine = groups[(counts == best)][order[counts == best].argmin()]
        return (ids != pristine).long()
    out = torch.zeros_like(ids)
    if clusters.numel() == 0:
        return out  # all noise: one group
    real = ids[~is_noise]
    counts = torch.stack([(real == c).sum() for c in clusters])
    pristine = clusters[counts.argmax()]  # argmax returns the first maximum
    out[~is_noise] = (real != pristine).long()
    if noise == 'forged':
        out[is_noise] = 1
    return out


def forgery_score(feats: Tensor, labels: Tensor) -> Tensor:
    """Image-level forgery score: cosine distance between the two group means.

    Args:
        feats (Tensor): (B, N, C) features.
        labels (Tensor): (B, N) in {0, 1}.

    Returns:
        Tensor: (B,) ``1 - cos(mean_pristine, mean_forged)`` (0 when an image
        has a single group), used for the image-level detection AUC.
    """
    f = F.normalize(feats.float(), dim=-1)
    m1 = labels.float().unsqueeze(-1)
    m0 = 1 - m1
    c0 = (f * m0).sum(1) / m0.sum(1).clamp(min=1)
    c1 = (f * m1).sum(1) / m1.sum(1).clamp(min=1)
    score = 1 - F.cosine_similarity(c0, c1, dim=-1)
    both = (m0.sum((1, 2)) > 0) & (m1.sum((1, 2)) > 0)
    return torch.where(both, score, torch.zeros_like(score))
