# Copyright (c) mmcontrast contributors. All rights reserved.
"""Triplet wrapper of a face-age dataset, its collate function and epoch hook (age.md §4)."""
import copy
from typing import Dict, List, Sequence, Union

import torch
from mmengine.dataset import BaseDataset
from mmengine.hooks import Hook
from mmengine.registry import FUNCTIONS
from mmpretrain.registry import DATASETS, HOOKS

from .age_triplet_sampling import sample_age_triplets


@DATASETS.register_module()
class AgeTripletDataset:
    """Each item is an (anchor, positive, negative) triple of a face-age dataset.

    The (p, n) of every anchor are re-drawn from ``(seed, epoch)`` by
    :func:`sample_age_triplets` when :meth:`set_epoch` is called
    (:class:`AgeTripletEpochHook` does it before each epoch; keep
    ``persistent_workers=False`` so that the workers see the new draw).
    Use ``collate_fn=dict(type='age_triplet_collate')``.

    Args:
        dataset (dict | BaseDataset): A :class:`FaceAgeDataset` (config).
        seed (int): Base seed of the draws. Defaults to 0.
        delta_pos (float): Largest age gap of a positive. Defaults to 0.
        delta_neg (float): Smallest age gap of a negative. Defaults to 5.
        neg_mode (str): ``'same_subject_then_any'``, ``'same_subject_only'`` or
            ``'any'``. Defaults to 'same_subject_then_any'.
        lazy_init (bool): Defer building the draws. Defaults to False.
    """

    def __init__(self,
                 dataset: Union[dict, BaseDataset],
                 seed: int = 0,
                 delta_pos: float = 0.0,
                 delta_neg: float = 5.0,
                 neg_mode: str = 'same_subject_then_any',
                 lazy_init: bool = False):
        self.dataset = DATASETS.build(dataset) if isinstance(dataset, dict) else dataset
        self.seed, self.delta_pos, self.delta_neg, self.neg_mode = (seed, delta_pos,
                                                                    delta_neg, neg_mode)
        self.epoch = 0
        self.draws = None
        self._fully_initialized = False
        if not lazy_init:
            self.full_init()

    @property
    def metainfo(self) -> dict:
        return copy.deepcopy(self.dataset.metainfo)

    def full_init(self) -> None:
        if self._fully_initialized:
            return
        self.dataset.full_init()
        self.set_epoch(self.epoch)
        self._fully_initialized = True

    def set_epoch(self, epoch: int) -> None:
        """Re-draw every anchor's (positive, negative) for ``epoch``."""
        self.epoch = int(epoch)
        self.draws = sample_age_triplets(self.dataset.ages, self.dataset.subject_ids,
                                         self.seed, self.epoch, self.delta_pos,
                                         self.delta_neg, self.neg_mode)

    def __len__(self) -> int:
        return len(self.dataset)

    def __getitem__(self, idx: int) -> Dict[str, dict]:
        p = int(self.draws['pos'][idx])
        n = int(self.draws['neg'][idx])
        out = dict(anchor=self.dataset[idx], positive=self.dataset[p],
                   negative=self.dataset[n])
        for item in out.values():
            item['data_samples'].set_metainfo(dict(triplet_batch=True))
        out['anchor']['data_samples'].set_metainfo(
            dict(valid_n=bool(self.draws['valid_n'][idx]),
                 pos_widened=bool(self.draws['pos_widened'][idx])))
        return out


@FUNCTIONS.register_module()
def age_triplet_collate(batch: Sequence[Dict[str, dict]]) -> dict:
    """B triples -> 3B images ordered [anchors, positives, negatives].

    Returns the ``pseudo_collate`` layout (``inputs``: list of (C, H, W)
    tensors, ``data_samples``: list) that mmpretrain's data preprocessor
    stacks, so the model runs ONE concatenated forward.
    """
    inputs: List[torch.Tensor] = []
    samples = []
    for role in ('anchor', 'positive', 'negative'):
        inputs += [b[role]['inputs'] for b in batch]
        samples += [b[role]['data_samples'] for b in batch]
    return dict(inputs=inputs, data_samples=samples)


@HOOKS.register_module()
class AgeTripletEpochHook(Hook):
    """Calls ``set_epoch`` of the train dataset (or a wrapped one) before each epoch."""

    def before_train_epoch(self, runner) -> None:
        ds = runner.train_dataloader.dataset
        while not hasattr(ds, 'set_epoch') and hasattr(ds, 'dataset'):
            ds = ds.dataset
        if hasattr(ds, 'set_epoch'):
            ds.set_epoch(runner.epoch)
