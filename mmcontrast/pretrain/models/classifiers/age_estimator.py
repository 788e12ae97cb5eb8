# Copyright (c) mmcontrast contributors. All rights reserved.
"""Contrastive age estimator (Chae et al., arXiv 2308.11896; reconstruction, age.md)."""
from typing import Dict, List, Optional

import torch
from mmpretrain.models.classifiers import ImageClassifier
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample
from torch import Tensor

from mmcontrast.contrastive.miners import age_pair_masks, all_triplets, hardest_triplets

_MINING = ('all', 'hard')


@MODELS.register_module()
class AgeEstimator(ImageClassifier):
    """`Age Prediction From Face Images Via Contrastive Learning
    <https://arxiv.org/abs/2308.11896>`_ (Chae et al., 2023), reconstructed.

    No official code exists; every choice is a config option (age.md §7).
    The head must be an :class:`AgeContrastHead`. Three kinds of batch:

    * **triplet batch** (``AgeTripletDataset`` + ``age_triplet_collate``): the
      3B images arrive as [anchors, positives, negatives] and go through the
      network in ONE concatenated forward (BN sees a single batch); the
      anchors' ``valid_n`` masks L_tri and ``pos_widened`` is logged as a rate;
    * **in-batch mining** (``in_batch_mining=True`` with a P x K sampler):
      every image is forwarded once, triplets come from the core's
      :func:`age_pair_masks` + batch-all / batch-hard mining;
    * otherwise plain images: L_reg only (the regression-only baseline and
      stage two of the two-stage schedule).

    ``predict`` writes ``pred_age`` (continuous, unrounded) into the data
    samples; ``extract_embed`` returns the normalised embeddings.

    Args:
        backbone, neck, head, pretrained, train_cfg, data_preprocessor,
            init_cfg: as ``ImageClassifier``.
        in_batch_mining (bool): Mine triplets inside each batch. Defaults to False.
        mining (str): ``'all'`` (batch-all) or ``'hard'`` (batch-hard).
            Defaults to 'all'.
        delta_pos (float): Largest age gap of a positive. Defaults to 0.
        delta_neg (float): Smallest age gap of a negative. Defaults to 5.
        neg_mode (str): Core miner negative rule. Defaults to
            'same_subject_then_any'.
        widen_positive (bool): In-batch rows without a positive take the
            nearest age among other subjects. Defaults to True.
        flip_test (bool): Average ``pred_age`` of the image and its
            horizontal flip at test time. Defaults to False.
    """

    def __init__(self,
                 backbone: dict,
                 neck: Optional[dict] = None,
                 head: Optional[dict] = None,
                 in_batch_mining: bool = False,
                 mining: str = 'all',
                 delta_pos: float = 0.0,
                 delta_neg: float = 5.0,
                 neg_mode: str = 'same_subject_then_any',
                 widen_positive: bool = True,
                 flip_test: bool = False,
                 pretrained: Optional[str] = None,
                 train_cfg: Optional[dict] = None,
                 data_preprocessor: Optional[dict] = None,
                 init_cfg: Optional[dict] = None):
        if mining not in _MINING:
            raise ValueError(f'AgeEstimator mining must be one of {_MINING}, got {mining!r}.')
        super().__init__(backbone=backbone, neck=neck, head=head, pretrained=pretrained,
                         train_cfg=train_cfg, data_preprocessor=data_preprocessor,
                         init_cfg=init_cfg)
        self.in_batch_mining = in_batch_mining
        self.mining = mining
        self.delta_pos, self.delta_neg = delta_pos, delta_neg
        self.neg_mode, self.widen_positive = neg_mode, widen_positive
        self.flip_test = flip_test

    @staticmethod
    def _ages(data_samples: List[DataSample], device) -> Tensor:
        try:
            return torch.tensor([float(ds.gt_age) for ds in data_samples], device=device)
        except AttributeError as e:
            raise KeyError('AgeEstimator needs `gt_age` in every data sample: pack it with '
                           "PackInputs(algorithm_keys=('gt_age', 'subject_id')).") from e

    def extract_embed(self, inputs: Tensor) -> Tensor:
        """(N, D) normalised embeddings of (N, C, H, W) images."""
        return self.head(self.extract_feat(inputs))['embed']

    def loss(self, inputs: Tensor, data_samples: List[DataSample]) -> Dict[str, Tensor]:
        """One forward of all images; L_reg + L_cos + L_tri (see the class doc)."""
        out = self.head(self.extract_feat(inputs))
        ages = self._ages(data_samples, inputs.device)
        n = inputs.shape[0]
        extra = {}
        if data_samples[0].metainfo.get('triplet_batch', False):
            if n % 3:
                raise ValueError(f'A triplet batch holds 3B images, got {n}.')
            b = n // 3
            idx = torch.arange(b, device=inputs.device)
            triplets = (idx, idx + b, idx + 2 * b)
            valid = torch.tensor([bool(ds.metainfo.get('valid_n', True))
                                  for ds in data_samples[:b]], device=inputs.device)
            widened = torch.tensor([float(ds.metainfo.get('pos_widened', False))
                                    for ds in data_samples[:b]], device=inputs.device)
            extra['pos_widened_rate'] = widened.mean()
            extra['valid_n_rate'] = valid.float().mean()
        elif self.in_batch_mining:
            subjects = torch.tensor([int(ds.subject_id) for ds in data_samples],
                                    device=inputs.device)
            pos, neg = age_pair_masks(ages, subjects, self.delta_pos, self.delta_neg,
                                      neg_mode=self.neg_mode,
                                      widen_positive=self.widen_positive)
            if self.mining == 'all':
                a, p, q = all_triplets(pos, neg)
                triplets, valid = (a, p, q), None
            else:
                dist = torch.cdist(out['embed'].detach().float(), out['embed'].detach().float())
                p, q, valid = hardest_triplets(dist, pos, neg)
                triplets = (torch.arange(n, device=inputs.device), p, q)
            extra['num_triplets'] = torch.tensor(float(triplets[0].numel() if valid is None
                                                       else valid.sum()))
            if triplets[0].numel() == 0:
                triplets = None
        else:
            triplets, valid = None, None
        losses = self.head.loss_from_outputs(out, ages, triplets, valid)
        losses.update(extra)
        return losses

    def predict(self, inputs: Tensor, data_samples: Optional[List[DataSample]] = None,
                **kwargs) -> List[DataSample]:
        """Write ``pred_age`` (a float) into each data sample."""
        pred = self.head(self.extract_feat(inputs))['pred_age'].detach()
        if self.flip_test:
            flipped = self.head(self.extract_feat(inputs.flip(-1)))['pred_age'].detach()
            pred = (pred + flipped) / 2
        if data_samples is None:
            data_samples = [DataSample() for _ in range(inputs.shape[0])]
        for ds, y in zip(data_samples, pred):
            ds.set_field(y.float(), 'pred_age')
        return data_samples
