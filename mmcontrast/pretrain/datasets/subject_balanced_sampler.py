# Copyright (c) mmcontrast contributors. All rights reserved.
"""P x K sampler (P subjects, K images each) for in-batch age mining (age.md §9)."""
import math
from typing import Iterator, Optional

import numpy as np
from mmengine.dist import get_dist_info, sync_random_seed
from mmpretrain.registry import DATA_SAMPLERS
from torch.utils.data import Sampler


@DATA_SAMPLERS.register_module()
class SubjectBalancedSampler(Sampler):
    """Yields batches of P subjects x K images (with replacement when a subject
    has fewer than K), seeded per (seed, epoch); ranks take alternate batches.

    Set the dataloader ``batch_size`` to ``num_subjects * num_per_subject``.

    Args:
        dataset: A dataset with a ``subject_ids`` (N,) attribute
            (:class:`FaceAgeDataset` or a wrapper of it).
        num_subjects (int): P. Defaults to 8.
        num_per_subject (int): K. Defaults to 4.
        seed (int, optional): Defaults to a seed shared across ranks.
    """

    def __init__(self, dataset, num_subjects: int = 8, num_per_subject: int = 4,
                 seed: Optional[int] = None):
        self.rank, self.world_size = get_dist_info()
        self.dataset = dataset
        self.p, self.k = num_subjects, num_per_subject
        self.seed = sync_random_seed() if seed is None else seed
        self.epoch = 0
        ids = np.asarray(getattr(dataset, 'subject_ids'))
        self.groups = [np.flatnonzero(ids == s) for s in np.unique(ids)]
        if len(self.groups) < self.p:
            raise ValueError(f'SubjectBalancedSampler: num_subjects={self.p} but the dataset '
                             f'has {len(self.groups)} subjects.')
        batch = self.p * self.k
        self.num_batches = max(1, math.floor(len(ids) / batch / self.world_size))

    def __iter__(self) -> Iterator[int]:
        rng = np.random.default_rng([self.seed, self.epoch])
        out = []
        for b in range(self.num_batches * self.world_size):
            subj = rng.choice(len(self.groups), self.p, replace=False)
            batch = []
            for s in subj:
                g = self.groups[s]
                batch += rng.choice(g, self.k, replace=g.size < self.k).tolist()
            if b % self.world_size == self.rank:
                out += batch
        return iter(out)

    def __len__(self) -> int:
        return self.num_batches * self.p * self.k

    def set_epoch(self, epoch: int) -> None:
        self.epoch = epoch
