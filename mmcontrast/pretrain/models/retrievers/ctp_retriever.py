# Copyright (c) mmcontrast contributors. All rights reserved.
"""CTP: continual vision-language pretraining (ALBEF-style retriever)."""
import copy
from typing import Dict, List, Optional, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmpretrain.models.retrievers import BaseRetriever
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample
from torch import Tensor

from mmcontrast.contrastive import MemoryQueue
from mmcontrast.contrastive.teacher import MomentumTeacher
from ..multimodal.albef_mlm_head import mlm_distill_loss, mlm_loss

_TEXT_FIELDS = ('input_ids', 'attention_mask', 'mlm_input_ids', 'mlm_labels')


@MODELS.register_module()
class CTPRetriever(BaseRetriever):
    """`CTP <https://arxiv.org/abs/2308.07146>`_ (Zhu et al., ICCV 2023).

    An ALBEF-style image-text model (ViT, ALBEF BERT text/fusion encoder,
    tied MLM head, 256-d projections) pretrained task after task. Three
    copies of the encoders live in the module (and in every checkpoint, so a
    mid-task ``--resume`` is exact): the student, a momentum copy (no grad)
    and a frozen reference (the end-of-previous-task student); both copies
    stay in eval mode. Per step (spec §3)::

        loss_itc       in-batch ITC (gathered with gradient)
        loss_itc_queue hard-target contrast against [momentum feats; queue]
        loss_mlm       MLM on the multimodal encoding of the masked caption
        loss_mlm_kd    distillation of the momentum MLM distribution
        loss_topo      (task >= 1) topology preservation vs the reference

    The momentum copy is a :class:`~mmcontrast.contrastive.teacher.MomentumTeacher`
    with the ``CompatibleMomentumRule`` (``torch._foreach_*`` over all
    parameters), updated every step before the momentum forward:
    ``theta_c <- 0.995 theta_c + 0.005 theta`` at task 0 and the compatible
    ``theta_c <- 0.90 theta_c + 0.05 theta + 0.05 theta_ref`` afterwards. The queues
    (``image_queue``, ``text_queue``) are never reset between tasks. Task
    starts are driven by :class:`CTPTaskStartHook` via :meth:`start_task`.

    SeqF (lower bound) is this class with ``distill=False, topology=None``:
    in-batch ITC + MLM only, no momentum copy or queue.

    Args:
        vision_encoder (dict): mmpretrain ``VisionTransformer`` config with
            ``out_type='raw'`` (tokens with CLS at index 0).
        text_encoder (dict): :class:`ALBEFBertEncoder` config.
        mlm_head (dict): :class:`ALBEFMLMHead` config.
        head (dict): :class:`CTPITCHead` config.
        topology (dict, optional): :class:`TopologyPreservationLoss` config;
            None disables ``loss_topo`` (and the reference copy).
        vision_width (int): ViT token width. Defaults to 768.
        text_width (int): BERT hidden size. Defaults to 768.
        embed_dim (int): Projection dim. Defaults to 256.
        queue_size (int): Q; must be divisible by the global batch.
            Defaults to 1024.
        distill (bool): Momentum copy, queue contrast and MLM distillation.
            Defaults to True.
        task_id (int): Current task (0-based); set per run by the driver.
            Defaults to 0.
        momentum_rule (dict): Teacher update rule. Defaults to
            ``dict(type='CompatibleMomentumRule', momentum=0.005,
            student_weight=0.05, reference_weight=0.05)`` (official).
        mlm_temperature (float): MLM distillation T. Defaults to 1.0.
        momentum_train_mode_task0 (bool): Official-code quirk (spec §7.1):
            the task-0 momentum copy runs in train mode. Defaults to False.
        predict_fused (bool): Also return the fused multimodal CLS in
            ``predict`` (multimodal retrieval). Defaults to True.
        data_preprocessor (dict, optional): Image preprocessor.
        init_cfg (dict, optional): Initialisation config.
    """

    def __init__(self,
                 vision_encoder: dict,
                 text_encoder: dict,
                 mlm_head: dict,
                 head: dict,
                 topology: Optional[dict] = None,
                 vision_width: int = 768,
                 text_width: int = 768,
                 embed_dim: int = 256,
                 queue_size: int = 1024,
                 distill: bool = True,
                 task_id: int = 0,
                 momentum_rule: dict = dict(
                     type='CompatibleMomentumRule', momentum=0.005, student_weight=0.05,
                     reference_weight=0.05),
                 mlm_temperature: float = 1.0,
                 momentum_train_mode_task0: bool = False,
                 predict_fused: bool = True,
                 data_preprocessor: Optional[dict] = None,
                 init_cfg: Optional[dict] = None) -> None:
        if data_preprocessor is None:
            data_preprocessor = dict(type='mmpretrain.ClsDataPreprocessor')
        super().__init__(data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        self.student = nn.ModuleDict(
            dict(
                visual_encoder=MODELS.build(vision_encoder),
                vision_proj=nn.Linear(vision_width, embed_dim),
                text_encoder=MODELS.build(text_encoder),
                text_proj=nn.Linear(text_width, embed_dim),
                mlm_head=MODELS.build(mlm_head)))
        self.head = MODELS.build(head)
        self.topology = MODELS.build(topology) if topology is not None else None
        self.distill = distill
        self.task_id = int(task_id)
        self.mlm_temperature = mlm_temperature
        self.momentum_train_mode_task0 = momentum_train_mode_task0
        self.predict_fused = predict_fused
        self.momentum_model = MomentumTeacher(
            self.student, rule=momentum_rule, eval_mode=True) if distill else None
        self.reference_model = self._frozen_copy() if self.topology is not None else None
        if distill:
            self.image_queue = MemoryQueue(queue_size, embed_dim)
            self.text_queue = MemoryQueue(queue_size, embed_dim)

    # ------------------------------------------------------------------ copies
    def _frozen_copy(self) -> nn.ModuleDict:
        m = copy.deepcopy(self.student)
        for p in m.parameters():
            p.requires_grad_(False)
        return m.eval()

    def train(self, mode: bool = True) -> 'CTPRetriever':
        """Student follows ``mode``; momentum and reference copies stay in eval mode."""
        super().train(mode)
        if self.reference_model is not None:
            self.reference_model.eval()
        if self.momentum_model is not None:
            self.momentum_model.module.train(
                mode and self.momentum_train_mode_task0 and self.task_id == 0)
        return self

    @torch.no_grad()
    def start_task(self, task_id: Optional[int] = None) -> None:
        """Begin a task: momentum <- student; (task >= 1) reference <- student.

        Called at iteration 0 of every task, after ``load_from`` restored the
        previous task's weights and queues (which are kept).
        """
        if task_id is not None:
            self.task_id = int(task_id)
        if self.momentum_model is not None:
            self.momentum_model.copy_from(self.student)
        if self.task_id >= 1 and self.reference_model is not None:
            torch._foreach_copy_(list(self.reference_model.parameters()),
                                 list(self.student.parameters()))
        self.train(self.training)

    @torch.no_grad()
    def momentum_update(self) -> None:
        """One momentum step over all parameters (task-0 EMA or compatible rule)."""
        use_ref = self.task_id >= 1 and self.reference_model is not None
        self.momentum_model.update_parameters(
            self.student, reference=self.reference_model if use_ref else None)

    # ---------------------------------------------------------------- encoders
    @staticmethod
    def _image(m: nn.ModuleDict, images: Tensor) -> Tuple[Tensor, Tensor]:
        tokens = m['visual_encoder'](images)[-1]
        if tokens.dim() != 3:
            raise ValueError("vision_encoder must return (B, N, C) tokens: use out_type='raw'.")
        return tokens, F.normalize(m['vision_proj'](tokens[:, 0]), dim=-1)

    @staticmethod
    def _text(m: nn.ModuleDict, ids: Tensor, mask: Tensor) -> Tensor:
        hidden = m['text_encoder'](ids, mask, mode='text')
        return F.normalize(m['text_proj'](hidden[:, 0]), dim=-1)

    @staticmethod
    def _mlm_logits(m: nn.ModuleDict, ids: Tensor, mask: Tensor, tokens: Tensor) -> Tensor:
        hidden = m['text_encoder'](ids, mask, image_embeds=tokens, mode='multimodal')
        return m['mlm_head'](hidden, m['text_encoder'].embeddings.word_embeddings.weight)

    def _text_inputs(self, data_samples: List[DataSample], device) -> Dict[str, Tensor]:
        out = {}
        for key in _TEXT_FIELDS:
            if key in data_samples[0]:
                out[key] = torch.stack(
                    [torch.as_tensor(ds.get(key)) for ds in data_samples]).long().to(device)
        if 'input_ids' not in out or 'attention_mask' not in out:
            raise ValueError('CTPRetriever needs input_ids/attention_mask in the data samples: '
                             "add CTPTokenize and PackInputs(algorithm_keys=[...]) to the pipeline.")
        return out

    def extract_feat(self, inputs: Tensor, data_samples: List[DataSample]) -> Dict[str, Tensor]:
        """Student features: ``img_feat`` v, ``text_feat`` w (B, 256, normalised)
        and, with ``predict_fused``, ``fused_feat`` (B, H) normalised fused CLS."""
        t = self._text_inputs(data_samples, inputs.device)
        tokens, v = self._image(self.student, inputs)
        w = self._text(self.student, t['input_ids'], t['attention_mask'])
        out = dict(img_feat=v, text_feat=w)
        if self.predict_fused:
            fused = self.student['text_encoder'](
                t['input_ids'], t['attention_mask'], image_embeds=tokens, mode='multimodal')
            out['fused_feat'] = F.normalize(fused[:, 0], dim=-1)
        return out

    # ----------------------------------------------------------------- forward
    def forward(self, inputs: Tensor, data_samples: Optional[List[DataSample]] = None,
                mode: str = 'loss'):
        if mode == 'loss':
            return self.loss(inputs, data_samples)
        if mode == 'predict':
            return self.predict(inputs, data_samples)
        if mode == 'tensor':
            return self.extract_feat(inputs, data_samples)
        raise RuntimeError(f'Invalid mode "{mode}".')

    def loss(self, inputs: Tensor, data_samples: List[DataSample]) -> Dict[str, Tensor]:
        """The five CTP losses (spec §3), or SeqF's two without ``distill``."""
        t = self._text_inputs(data_samples, inputs.device)
        if 'mlm_labels' not in t:
            raise ValueError('training needs mlm_input_ids/mlm_labels: add CTPMLMMask to the '
                             'train pipeline.')
        ids, mask, ids_m, labels = (t['input_ids'], t['attention_mask'], t['mlm_input_ids'],
                                    t['mlm_labels'])
        tokens, v = self._image(self.student, inputs)
        w = self._text(self.student, ids, mask)
        logits = self._mlm_logits(self.student, ids_m, mask, tokens)
        losses = {}
        if self.distill:
            self.image_queue.check_batch_size(v.shape[0])
            with torch.no_grad():
                self.momentum_update()
                tokens_m, v_m = self._image(self.momentum_model.module, inputs)
                w_m = self._text(self.momentum_model.module, ids, mask)
                logits_m = self._mlm_logits(self.momentum_model.module, ids_m, mask, tokens_m)
            losses.update(
                self.head.loss(v, w, v_m, w_m, self.image_queue.feats.clone(),
                               self.text_queue.feats.clone()))
            losses['loss_mlm'] = mlm_loss(logits, labels)
            losses['loss_mlm_kd'] = mlm_distill_loss(logits, logits_m, labels,
                                                     self.mlm_temperature)
            self.image_queue.enqueue(v_m)
            self.text_queue.enqueue(w_m)
        else:
            losses.update(self.head.loss(v, w))
            losses['loss_mlm'] = mlm_loss(logits, labels)
        if self.topology is not None and self.task_id >= 1:
            with torch.no_grad():
                _, v_r = self._image(self.reference_model, inputs)
                w_r = self._text(self.reference_model, ids, mask)
            losses['loss_topo'] = self.topology(v, w, v_r, w_r)
        return losses

    def predict(self, inputs: Tensor, data_samples: List[DataSample]) -> List[DataSample]:
        """Attach ``img_feat``, ``text_feat`` (and ``fused_feat``) to each sample."""
        feats = self.extract_feat(inputs, data_samples)
        for i, ds in enumerate(data_samples):
            for k, f in feats.items():
                ds.set_field(f[i], k)
        return data_samples

    # BaseRetriever's prototype API is not used by CTP's metrics.
    def matching(self, inputs: Tensor):
        raise NotImplementedError('CTP ranks in its metrics (CrossModalRecall, CTPMultiModalmAP).')

    def prepare_prototype(self):
        raise NotImplementedError('CTP ranks in its metrics (CrossModalRecall, CTPMultiModalmAP).')
