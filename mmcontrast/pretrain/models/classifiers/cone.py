# Copyright (c) mmcontrast contributors. All rights reserved.
"""CoNe: Contrast Your Neighbours for supervised image classification."""
from typing import List, Optional, Sequence, Tuple, Union

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmengine.logging import MessageHub
from mmpretrain.models.classifiers import ImageClassifier
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample
from torch import Tensor

from mmcontrast.contrastive import MemoryQueue
from mmcontrast.contrastive.teacher import MomentumTeacher


@MODELS.register_module()
class CoNeClassifier(ImageClassifier):
    """`CoNe <https://arxiv.org/abs/2308.10761>`_ (Zheng et al., 2023).

    A supervised classifier trained with cross-entropy plus a
    neighbour-contrast term over the top-k neighbours of each embedding in a
    queue of momentum-encoder keys and a distributional-consistency KL toward
    the similarity-weighted class distributions of the queue. The head must be
    a :class:`CoNeHead`, which owns the three losses (config dicts
    ``loss``, ``nb_loss``, ``dc_loss``). The classifier owns the key encoder
    (a :class:`~mmcontrast.contrastive.teacher.MomentumTeacher` over
    backbone + neck + head) and the key queue (buffers, checkpointed).
    Inference is the inherited ``predict`` (online path only).

    Order within a training step: EMA update -> key forward (no grad) ->
    query forward -> losses -> enqueue (every step, warm-up included).

    The neighbour terms are computed only when ``loss_lambda > 0`` (the gate
    that mmpretrain's ``DenseCLHook(start_iters=...)`` drives), from epoch
    ``neighbour_start_epoch`` on (the official warm-up is the first epoch,
    whatever the number of GPUs), and, with ``require_full_queue``, once the
    queue has wrapped at least once. Gated off, they are skipped, not
    multiplied by 0.

    Differences from the official code (github mingkai-zheng/CoNe), each with
    its switch: the neighbour gate also needs a full queue
    (``require_full_queue=False`` for the official epoch-only gate); the
    probability queue starts uniform (``prob_queue_init='randn'``); the key
    encoder copies the online BN buffers at each update instead of keeping
    its own (no effect on training: it uses batch statistics); the official
    ``--m`` above 0.996 means a constant momentum
    (``momentum_rule=dict(type='EMARule', momentum=1 - m)``).

    Why the queue is not in the head: the key encoder averages the whole head
    (projector + classifier, as the official code), so a queue there would be
    deep-copied into the teacher and synced every step; and the head is also
    used alone in the CE baseline, which has no queue.

    Args:
        backbone (dict): Backbone config.
        neck (dict, optional): Neck config (global average pooling).
        head (dict): :class:`CoNeHead` config (with its loss dicts).
        queue_size (int): Queue length K; must be divisible by the global
            batch (checked at the first step). Defaults to 65536.
        momentum_rule (dict): Update rule of the key encoder (a
            ``MomentumRule`` config). Defaults to the paper's cosine rule
            ``dict(type='CosineEMARule', momentum=0.004, end_momentum=0.)``
            (m from 0.996 to 1); the official "constant" mode is
            ``dict(type='EMARule', momentum=1 - m)``.
        loss_lambda (float): Neighbour-phase gate, > 0 means on. Defaults to 1.
        neighbour_start_epoch (int): First epoch (0-based, read from the
            ``MessageHub``) with the neighbour terms. Defaults to 0.
        require_full_queue (bool): Also gate on the queue having wrapped once
            (mmcontrast; prevents NaNs from initial entries). Defaults to True.
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
                 momentum_rule: dict = dict(
                     type='CosineEMARule', momentum=0.004, end_momentum=0.),
                 loss_lambda: float = 1.0,
                 neighbour_start_epoch: int = 0,
                 require_full_queue: bool = True,
                 key_view: str = 'same',
                 prob_queue_init: str = 'uniform',
                 prob_queue_dtype: str = 'float32',
                 pretrained: Optional[str] = None,
                 train_cfg: Optional[dict] = None,
                 data_preprocessor: Optional[dict] = None,
                 init_cfg: Optional[dict] = None) -> None:
        if queue_size < 1:
            raise ValueError(f'CoNeClassifier queue_size must be positive, got {queue_size}.')
        if key_view not in ('same', 'second'):
            raise ValueError(
                f"CoNeClassifier key_view must be 'same' or 'second', got {key_view!r}.")
        if prob_queue_init not in ('uniform', 'randn'):
            raise ValueError(f"CoNeClassifier prob_queue_init must be 'uniform' or 'randn', "
                             f'got {prob_queue_init!r}.')
        if prob_queue_dtype not in ('float32', 'float16'):
            raise ValueError(f"CoNeClassifier prob_queue_dtype must be 'float32' or 'float16', "
                             f'got {prob_queue_dtype!r}.')
        if loss_lambda < 0 or neighbour_start_epoch < 0:
            raise ValueError('CoNeClassifier loss_lambda and neighbour_start_epoch must be >= 0, '
                             f'got {loss_lambda}, {neighbour_start_epoch}.')
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
        if not (hasattr(self.head, 'forward_train') and hasattr(self.head, 'loss_nb')):
            raise ValueError(f'CoNeClassifier needs head=dict(type="CoNeHead", ...), got '
                             f'{type(self.head).__name__}.')
        knn_k = self.head.loss_nb.knn_k
        if knn_k > queue_size:
            raise ValueError(
                f'CoNeClassifier: head.nb_loss.knn_k ({knn_k}) must be in [1, queue_size='
                f'{queue_size}]; lower knn_k or enlarge the queue.')
        self.key_view = key_view
        self.loss_lambda = loss_lambda
        self.neighbour_start_epoch = neighbour_start_epoch
        self.require_full_queue = require_full_queue
        try:
            self.key_encoder = MomentumTeacher(self._online_path(), rule=momentum_rule)
        except (KeyError, TypeError, ValueError) as e:
            raise ValueError(f'CoNeClassifier momentum_rule {momentum_rule!r} is invalid: {e}. '
                             'Use e.g. dict(type="CosineEMARule", momentum=0.004).') from e
        self.queue = MemoryQueue(
            queue_size,
            self.head.proj_dim,
            payloads=dict(
                labels=((), torch.long, -1),
                probs=((self.head.num_classes, ), getattr(torch, prob_queue_dtype),
                       prob_queue_init)))

    def _online_path(self) -> nn.ModuleDict:
        """Backbone, neck and head in the layout the key encoder averages."""
        return nn.ModuleDict(
            dict(
                backbone=self.backbone,
                neck=self.neck if self.neck is not None else nn.Identity(),
                head=self.head))

    def neighbour_enabled(self) -> bool:
        """Whether this step computes the neighbour terms (gate, epoch and queue)."""
        if self.loss_lambda <= 0:
            return False
        if self.neighbour_start_epoch > 0 and MessageHub.get_current_instance().get_info(
                'epoch', 0) < self.neighbour_start_epoch:
            return False
        return not self.require_full_queue or self.queue.is_full()

    def _split_views(self, inputs: Union[Tensor, Sequence[Tensor]]) -> Tuple[Tensor, Tensor]:
        views = [inputs] if isinstance(inputs, Tensor) else list(inputs)
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
            ``loss_dc`` (each already weighted), from ``head.loss``.
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

        feats = self.extract_feat(query_in)
        if self.neighbour_enabled():
            losses = self.head.loss(feats, data_samples, queue=self.queue, keys=keys)
        else:
            losses = self.head.loss(feats, data_samples)
        self.queue.enqueue(keys, labels=labels, probs=key_probs)
        return losses
