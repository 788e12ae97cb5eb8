# Copyright (c) mmcontrast contributors. All rights reserved.
"""Two-cluster cosine k-means of each image's features (FOCAL v1 test-time step).

The released FOCAL code (Wu et al., arXiv 2308.09307) clusters the features of
one image with ``torch_kmeans.KMeans(n_clusters=2, distance=CosineSimilarity)``
(torch-kmeans 0.2.0 defaults). This re-implements exactly those semantics, but
batched over images and with matmuls instead of the package's
(B, inits, N, k, C) broadcast, so a batch of 64x64 or 256x256 maps clusters at
once on the GPU and no extra dependency is needed at run time:

* random init: ``torch.multinomial`` of 2 distinct data points per restart from
  a ``torch.Generator`` seeded with ``seed`` (123). ``init='per_image'``
  (default) draws as torch-kmeans does for a single image and gives every
  image of the batch that draw -- each image is clustered exactly as by the
  official per-image call (the released test script, batch 1), independent of
  its batch neighbours. ``init='batched'`` draws one (B * num_init, N)
  multinomial and gives image b rows ``b * num_init ...``, which is what
  torch-kmeans does for a (B, N, C) batch -- the official batched validation
  path (``main.py`` validates 4 images at a time); image 0 gets the same init
  in both modes;
* 8 restarts, at most 100 Lloyd iterations; assignment = argmax similarity
  (first centre on ties); centre update = plain mean of the members
  (not re-normalised, zero for an empty cluster); stop when the mean centre
  shift of every (image, restart) is below ``tol`` (1e-4);
* best restart = lowest Euclidean inertia (sum of squared distances of the
  points to their assigned centre).

Note on "cosine": torch-kmeans 0.2.0's ``CosineSimilarity.pairwise_distance``
(the function its Lloyd loop calls) is the plain dot product ``<x, c>``; only
its matrix form normalises. So the released FOCAL assigns each (unit-norm)
feature by ``argmax <x, c>`` with the *un-normalised* mean centres (and
un-normalised features: the fused features have norm sqrt(2)), which is not
argmax cosine when the two centres have different norms (measured: 1-7 of 200
random points differ). ``assignment='dot'`` (default) reproduces the released
behaviour exactly; ``assignment='cosine'`` normalises the centres.

Then :func:`~mmcontrast.clustering.labelling.largest_cluster_pristine`'s rule:
the larger cluster is pristine (cluster 0 on ties, as released).
"""
from typing import Dict

import torch
import torch.nn.functional as F
from torch import Tensor

from mmcontrast.registry import MODELS
from .labelling import forgery_score

_ASSIGNMENTS = ('dot', 'cosine')
_INITS = ('per_image', 'batched')


@torch.no_grad()
def kmeans2_cosine(x: Tensor, num_init: int = 8, max_iter: int = 100, tol: float = 1e-4,
                   seed: int = 123, assignment: str = 'dot',
                   init: str = 'per_image') -> Dict[str, Tensor]:
    """Batched k=2 "cosine" k-means with torch-kmeans 0.2.0 semantics.

    Args:
        x (Tensor): (B, N, C) features of B images (N >= 3).
        num_init (int): Random restarts. Defaults to 8.
        max_iter (int): Maximum Lloyd iterations. Defaults to 100.
        tol (float): Convergence threshold on the mean centre shift.
            Defaults to 1e-4.
        seed (int): Seed of the init generator. Defaults to 123.
        assignment (str): ``'dot'`` (argmax ``<x, c>``, what torch-kmeans 0.2.0
            computes) or ``'cosine'`` (argmax ``<x, c/|c|>``). Defaults to 'dot'.
        init (str): ``'per_image'`` (every image gets the single-image draw) or
            ``'batched'`` (torch-kmeans' draw for the whole (B, N, C) batch,
            the official batched validation). Defaults to 'per_image'.

    Returns:
        dict: ``ids`` (B, N) long cluster ids in {0, 1}, ``centres`` (B, 2, C),
        ``inertia`` (B,) of the selected restart.
    """
    B, N, C = x.shape
    if N < 3:
        raise ValueError(f'k-means with k=2 needs at least 3 points per image, got {N}')
    if assignment not in _ASSIGNMENTS:
        raise ValueError(f'assignment must be one of {_ASSIGNMENTS}, got {assignment!r}')
    if init not in _INITS:
        raise ValueError(f'init must be one of {_INITS}, got {init!r}')
    gen = torch.Generator(device=x.device).manual_seed(seed)
    rows = num_init if init == 'per_image' else B * num_init
    idx = torch.multinomial(torch.full((rows, N), 1 / N, device=x.device, dtype=x.dtype),
                            2, replacement=False, generator=gen)  # (rows, 2)
    if init == 'per_image':
        centres = x[:, idx]  # (B, I, 2, C)
    else:
        idx = idx.view(B, num_init * 2)  # image b: rows b*I .. b*I+I-1, as torch-kmeans
        centres = torch.gather(x, 1, idx[..., None].expand(-1, -1, C)).view(B, num_init, 2, C)
    xs = F.normalize(x, dim=-1) if assignment == 'cosine' else x

    def assign(c: Tensor) -> Tensor:  # (B, I, 2, C) -> (B, I, N)
        if assignment == 'cosine':
            c = F.normalize(c, dim=-1)
        sim = torch.einsum('bnc,bikc->bink', xs, c)
        return sim.argmax(-1)

    for _ in range(max_iter):
        ids = assign(centres)
        onehot = F.one_hot(ids, 2).to(x.dtype)  # (B, I, N, 2)
        counts = onehot.sum(2)  # (B, I, 2)
        new = torch.einsum('bink,bnc->bikc', onehot, x) / counts.clamp(min=1)[..., None]
        shift = (new - centres).norm(dim=-1).mean(-1)  # (B, I)
        centres = new
        if bool((shift < tol).all()):
            break
    ids = assign(centres)
    assigned = torch.gather(centres, 2, ids[..., None].expand(-1, -1, -1, C))  # (B, I, N, C)
    inertia = ((x[:, None] - assigned) ** 2).sum((-1, -2))  # (B, I)
    best = inertia.argmin(1)
    b = torch.arange(B, device=x.device)
    return dict(ids=ids[b, best], centres=centres[b, best], inertia=inertia[b, best])


@MODELS.register_module()
class KMeans2Clusterer:
    """FOCAL v1 clusterer: k=2 cosine k-means per image + largest-is-pristine rule.

    Paper: "Rethinking Image Forgery Detection via Contrastive Learning and
    Unsupervised Clustering" (Wu et al., arXiv 2308.09307). See
    :func:`kmeans2_cosine`.

    Args:
        num_init (int): Restarts. Defaults to 8.
        max_iter (int): Lloyd iterations. Defaults to 100.
        tol (float): Convergence tolerance. Defaults to 1e-4.
        seed (int): Init seed. Defaults to 123.
        assignment (str): ``'dot'`` (released behaviour) or ``'cosine'``, see
            :func:`kmeans2_cosine`. Defaults to 'dot'.
        init (str): Restart initialisation for a batch of images:
            ``'per_image'`` (every image gets the draw of a single-image call,
            so results do not depend on batch composition; matches the
            official test script, batch 1) or ``'batched'`` (torch-kmeans'
            draw for the whole batch; reproduces the official batched
            validation, 4 images per call). Defaults to 'per_image'.
    """

    def __init__(self, num_init: int = 8, max_iter: int = 100, tol: float = 1e-4,
                 seed: int = 123, assignment: str = 'dot', init: str = 'per_image') -> None:
        if assignment not in _ASSIGNMENTS:
            raise ValueError(f'assignment must be one of {_ASSIGNMENTS}, got {assignment!r}')
        self.assignment = assignment
        if init not in _INITS:
            raise ValueError(f'init must be one of {_INITS}, got {init!r}')
        self.init = init
        if num_init < 1:
            raise ValueError(f'num_init must be >= 1, got {num_init}')
        if max_iter < 1:
            raise ValueError(f'max_iter must be >= 1, got {max_iter}')
        if not 0 <= tol < 1:
            raise ValueError(f'tol must be in [0, 1), got {tol}')
        self.num_init, self.max_iter, self.tol, self.seed = num_init, max_iter, tol, seed

    def __call__(self, feats: Tensor) -> Dict[str, Tensor]:
        """Args: feats (B, N, C). Returns: dict ``labels`` (B, N) long in {0, 1}
        (1 = forged), ``score`` (B,) image-level forgery score."""
        with torch.autocast(device_type=feats.device.type, enabled=False):  # fp32 under AMP
            out = kmeans2_cosine(feats.float(), self.num_init, self.max_iter, self.tol,
                                 self.seed, self.assignment, self.init)
        ids = out['ids']
        count1 = ids.sum(1, keepdim=True)
        flip = count1 > (ids.shape[1] - count1)  # cluster 1 larger: it is pristine
        labels = torch.where(flip, 1 - ids, ids)
        return dict(labels=labels, score=forgery_score(feats, labels))

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(num_init={self.num_init}, max_iter={self.max_iter}, '
                f'tol={self.tol}, seed={self.seed}, assignment={self.assignment!r}, '
                f'init={self.init!r})')
