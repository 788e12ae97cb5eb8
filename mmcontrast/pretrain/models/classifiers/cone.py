# Copyright (c) mmcontrast contributors. All rights reserved.
"""CoNe: Contrast Your Neighbours for supervised image classification."""
from typing import List, Optional, Sequence, Union

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmengine.model import ExponentialMovingAverage
from mmpretrain.models.classifiers import ImageClassifier
from mmpretrain.models.utils import CosineEMA
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample
from torch import Tensor

from mmcontrast.contrastive import MemoryQueue
from mmcontrast.contrastive.losses import (DistributionConsistencyLoss, NeighbourContrastLoss,
                                           confident_mask)


@MODELS.register_module()
class CoNeClassifier(ImageClassifier):
    """`CoNe <https://arxiv.org/abs/2308.10761>`_ (Zheng et al., 2023).

    A supervised classifier trained with cross-entropy plus a
    neighbour-contrast term over the top-k neighbours of each embedding in a
    queue of momentum-encoder keys and a distributional-consistency KL toward
    the similarity-weighted class distributions of the queue. The head must be
    a :class:`CoNeHead` (projector + classifier). Inference is the inherited
    ``predict`` (online path only).

    Order within a training step: EMA update -> key forward (no grad) ->
    query forward -> losses -> enqueue (every step, warm-up included).

    The neighbour terms are computed only when ``loss_lambda > 0`` (the gate
    that mmpretrain's ``DenseCLHook(start_iters=...)`` drives: 0 during the
    first epoch) and, with ``require_full_queue``, once the queue has wrapped
    at least once. Gated off, they are skipped, not multiplied by 0.

    Args:
        backbone (dict): Backbone config.
        neck (dict, optional): Neck config (global average pooling).
        head (dict): :class:`CoNeHead` config.
        queue_size (int): Queue length K; must be divisible by the global
            batch (checked at the first step). Defaults to 65536.
        knn_k (int): Neighbours of the neighbour-contrast term. Defaults to 512.
        tau_nb (float): Temperature of the neighbour softmax. Defaults to 0.1.
        tau_dc (float): Temperature of the key-to-queue attention of the
            consistency target. Defaults to 0.07.
        alpha_nb (float): Weight of ``loss_nb``. Defaults to 0.7.
        alpha_dc (float): Weight of ``loss_dc``. Defaults to 0.4.
        loss_lambda (float): Neighbour-phase gate, > 0 means on. Defaults to 1.
        require_full_queue (bool): Also gate on the queue having wrapped once
            (mmcontrast; prevents NaNs from initial entries). Defaults to True.
        ema_type (str): ``'cosine'`` (mmpretrain ``CosineEMA``, momentum
            ``1 - base_momentum`` rising to ``1 - end_momentum``) or
            ``'constant'`` (mmengine ``ExponentialMovingAverage``). Defaults
            to ``'cosine'``.
        base_momentum (float): mmengine-style ``1 - m`` at the start.
            Defaults to 0.004.
        end_momentum (float): ``1 - m`` at the end (cosine only). Defaults to 0.
        key_view (str): ``'same'`` (official: the key encoder sees the query
            tensor) or ``'second'`` (inputs are two views, e.g. from
            ``MultiView(2)``; the key encoder sees the second). Defaults to
            ``'same'``.
        prob_queue_init (str): ``'uniform'`` (1/C) or ``'randn'`` (official).
            Defaults to ``'uniform'``.
        prob_queue_dtype (str): ``'float32'`` or ``'float16'`` (halves the
            (K, C) probability queue). Defaults to ``'float32'``.
        pretrained, train_cfg, data_preprocessor, init_cfg: as
            ``ImageClassifier``.
    """

    def __init__(self,
                 backbone: dict,
                 neck: Optional[dict] = None,
                 head: Optional[dict] = None,
                 queue_size: int = 65536,
                 knn_k: int = 512,
                 tau_nb: float = 0.1,
                 tau_dc: float = 0.07,
                 alpha_nb: float = 0.7,
                 alpha_dc: float = 0.4,
                 loss_lambda: float = 1.0,
                 require_full_queue: bool = True,
                 ema_type: str = 'cosine',
                 base_momentum: float = 0.004,
                 end_momentum: float = 0.,
                 key_view: str = 'same',
                 prob_queue_init: str = 'uniform',
                 prob_queue_dtype: str = 'float32',
                 pretrained: Optional[str] = None,
                 train_cfg: Optional[dict] = None,
                 data_preprocessor: Optional[dict] = None,
                 init_cfg: Optional[dict] = None) -> None:
        if queue_size < 1:
            raise ValueError(f'CoNeClassifier queue_size must be positive, got {queue_size}.')
        if not 1 <= knn_k <= queue_size:
            raise ValueError(
                f'CoNeClassifier knn_k ({knn_k}) must be in [1, queue_size={queue_size}]; '
                'lower knn_k or enlarge the queue.')
        if key_view not in ('same', 'second'):
            raise ValueError(
                f"CoNeClassifier key_view must be 'same' or 'second', got {key_view!r}.")
        if ema_type not in ('cosine', 'constant'):
            raise ValueError(
                f"CoNeClassifier ema_type must be 'cosine' or 'constant', got {ema_type!r}.")
        if not (0 <= base_momentum <= 1 and 0 <= end_momentum <= 1):
            raise ValueError(
                'CoNeClassifier base_momentum and end_momentum are mmengine-style 1 - m and '
                f'must be in [0, 1], got {base_momentum}, {end_momentum}.')
        if prob_queue_init not in ('uniform', 'randn'):
            raise ValueError(f"CoNeClassifier prob_queue_init must be 'uniform' or 'randn', "
                             f'got {prob_queue_init!r}.')
        if prob_queue_dtype not in ('float32', 'float16'):
            raise ValueError(f"CoNeClassifier prob_queue_dtype must be 'float32' or 'float16', "
                             f'got {prob_queue_dtype!r}.')
        if alpha_nb < 0 or alpha_dc < 0 or loss_lambda < 0:
            raise ValueError('CoNeClassifier alpha_nb, alpha_dc and loss_lambda must be >= 0, got '
                             f'{alpha_nb}, {alpha_dc}, {loss_lambda}.')
        if isinstance(data_preprocessor, dict) and data_preprocessor.get('type') not in (
                None, 'ClsDataPreprocessor', 'mmpretrain.ClsDataPreprocessor'):
            # e.g. SelfSupDataPreprocessor for key_view='second' (lists of views): it takes no
            # ``batch_augments``, which ImageClassifier would add to a config dict.
            data_preprocessor = MODELS.build(data_preprocessor)
        super().__init__(
            backbone=backbone,
            neck=neck,
            head=head,
            pretrained=pretrained,
            train_cfg=train_cfg,
            data_preprocessor=data_preprocessor,
            init_cfg=init_cfg)
        if not (hasattr(self.head, 'forward_train') and hasattr(self.head, 'proj_dim')):
            raise ValueError(f'CoNeClassifier needs head=dict(type="CoNeHead", ...), got '
                             f'{type(self.head).__name__}.')
        self.key_view = key_view
        self.loss_lambda = loss_lambda
        self.require_full_queue = require_full_queue
        if ema_type == 'cosine':
            self.key_encoder = CosineEMA(
                self._online_path(), momentum=base_momentum, end_momentum=end_momentum)
        else:
            self.key_encoder = ExponentialMovingAverage(self._online_path(), momentum=base_momentum)
        for p in self.key_encoder.parameters():
            p.requires_grad_(False)
        num_classes = self.head.num_classes
        self.queue = MemoryQueue(
            queue_size,
            self.head.proj_dim,
            payloads=dict(
                labels=((), torch.long, -1),
                probs=((num_classes, ), getattr(torch, prob_queue_dtype), prob_queue_init)))
        self.loss_nb = NeighbourContrastLoss(knn_k=knn_k, temperature=tau_nb, loss_weight=alpha_nb)
        self.loss_dc = DistributionConsistencyLoss(temperature=tau_dc, loss_weight=alpha_dc)
        self._queue_full = False  # python mirror of queue.full, so the gate costs no sync
        self._register_load_state_dict_pre_hook(self._reset_queue_full_mirror)

    def _reset_queue_full_mirror(self, *args, **kwargs) -> None:
        """Re-read ``queue.full`` after a checkpoint is loaded (resume)."""
        self._queue_full = False

    def _online_path(self) -> nn.ModuleDict:
        """Backbone, neck and head in the layout the key encoder averages."""
        return nn.ModuleDict(
            dict(
                backbone=self.backbone,
                neck=self.neck if self.neck is not None else nn.Identity(),
                head=self.head))

    def neighbour_enabled(self) -> bool:
        """Whether this step computes the neighbour terms (gate and queue)."""
        if self.loss_lambda <= 0:
            return False
        if not self.require_full_queue:
            return True
        if not self._queue_full:
            self._queue_full = bool(self.queue.full)  # also right after resume
        return self._queue_full

    def _split_views(self, inputs: Union[Tensor, Sequence[Tensor]]):
        if isinstance(inputs, Tensor):
            views = [inputs]
        else:
            views = list(inputs)
        if self.key_view == 'second':
            if len(views) != 2:
                raise ValueError(
                    "CoNeClassifier key_view='second' needs two views per image (e.g. "
                    f"MultiView(num_views=2) + SelfSupDataPreprocessor), got {len(views)}.")
            return views[0], views[1]
        if len(views) != 1:
            raise ValueError(
                f"CoNeClassifier key_view='same' needs one view per image, got {len(views)}.")
        return views[0], views[0]

    def loss(self, inputs: Union[Tensor, List[Tensor]], data_samples: List[DataSample]) -> dict:
        """One CoNe training step.

        Args:
            inputs (Tensor | list[Tensor]): (B, 3, H, W), or two such views
                when ``key_view='second'``.
            data_samples (list[DataSample]): With ``gt_label``.

        Returns:
            dict: ``loss_ce`` and, in the neighbour phase, ``loss_nb`` and
            ``loss_dc`` (each already weighted).
        """
        query_in, key_in = self._split_views(inputs)
        self.queue.check_batch_size(query_in.shape[0])
        labels = torch.cat([ds.gt_label for ds in data_samples]).to(query_in.device)

        self.key_encoder.update_parameters(self._online_path())
        with torch.no_grad():
            key_path = self.key_encoder.module
            key_embed, key_logits = key_path['head'].forward_train(key_path['neck'](
                key_path['backbone'](key_in)))
            keys = F.normalize(key_embed.float(), dim=1)  # (B, D)
            key_probs = F.softmax(key_logits.float(), dim=1)  # (B, C)

        embed, logits = self.head.forward_train(self.extract_feat(query_in))
        if self.neighbour_enabled():
            query = F.normalize(embed.float(), dim=1)  # (B, D)
            keep = confident_mask(logits)
            # The (K, D) keys are saved for backward and enqueue() writes them
            # in place before backward runs: use a copy (as MoCo does).
            queue_feats = self.queue.feats.clone()
            losses = dict(
                loss_ce=self.head.loss_module(logits, labels, keep),
                loss_nb=self.loss_nb(query, queue_feats, self.queue.labels, labels),
                loss_dc=self.loss_dc(logits, keys, self.queue.feats, self.queue.probs, keep))
        else:
            losses = dict(loss_ce=self.head.loss_module(logits, labels))
        self.queue.enqueue(keys, labels=labels, probs=key_probs)
        return losses
