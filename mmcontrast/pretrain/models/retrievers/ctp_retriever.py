# Copyright (c) mmcontrast contributors. All rights reserved.
"""CTP: continual vision-language pretraining (ALBEF-style retriever)."""
import copy
from typing import Dict, List, Optional, Sequence, Tuple, Union

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmengine import dist
from mmpretrain.models.retrievers import BaseRetriever
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample
from torch import Tensor
from torch.utils.data import DataLoader

from mmcontrast.contrastive import MemoryQueue
from mmcontrast.contrastive.teacher import MomentumTeacher
from mmcontrast.pretrain.evaluation.cross_modal_recall import itc_scores
from mmcontrast.utils import safe_torch_load
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

    Retrieval with a trained model ranks by CTP's ITC score, the dot product
    of the student's normalised projected features (image ``img_feat`` v =
    norm(vision_proj(ViT CLS)), caption ``text_feat`` w =
    norm(text_proj(BERT CLS))), i.e. their cosine similarity: the score
    :class:`~mmcontrast.pretrain.evaluation.CrossModalRecall` ranks with
    (both read it from
    :func:`~mmcontrast.pretrain.evaluation.cross_modal_recall.itc_scores`).
    It serves mmpretrain's APIs:

    - ``TextToImageRetrievalInferencer`` / ``ImageToTextRetrievalInferencer``:
      :meth:`extract_feat` with ``images=`` or ``data_samples=`` only, then
      :meth:`predict_all` (w.v for text->image, v.w for image->text). CTP
      has no image-text matching head, so there is no re-ranking and the
      inferencers' ``fast_match`` has nothing to switch.
    - ``ImageRetrievalInferencer`` (image->image) through BaseRetriever's
      ``prototype`` / :meth:`prepare_prototype` / :meth:`matching`: cosine
      of the query's v against the gallery's v.

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
        prototype (Tensor | str | dict | DataLoader, optional): Image
            gallery of image->image retrieval (see :meth:`prepare_prototype`).
            Defaults to None.
        data_preprocessor (dict, optional): Image preprocessor. Defaults to
            None: :class:`CTPDataPreprocessor` (``ClsDataPreprocessor`` that
            also takes the caption-only batches of the text->image and
            image->text inferencers; a plain ``ClsDataPreprocessor`` trains
            and evaluates the same but cannot serve those).
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
                 prototype: Union[Tensor, str, dict, DataLoader, None] = None,
                 data_preprocessor: Optional[dict] = None,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(prototype=prototype,
                         data_preprocessor=data_preprocessor
                         or dict(type='mmpretrain.CTPDataPreprocessor'),
                         init_cfg=init_cfg)
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

    @staticmethod
    def _has_text(data_samples: Optional[Sequence[DataSample]]) -> bool:
        return bool(data_samples) and 'input_ids' in data_samples[0]

    def _text_inputs(self, data_samples: Optional[List[DataSample]], device) -> Dict[str, Tensor]:
        out = {}
        for key in _TEXT_FIELDS:
            if data_samples and key in data_samples[0]:
                out[key] = torch.stack(
                    [torch.as_tensor(ds.get(key)) for ds in data_samples]).long().to(device)
        if 'input_ids' not in out or 'attention_mask' not in out:
            raise ValueError(
                'CTPRetriever needs input_ids/attention_mask in the data samples to encode '
                'captions: add CTPTokenize and PackInputs(algorithm_keys=[...]) to the pipeline '
                "(for mmpretrain's retrieval inferencers: to the config's test pipeline).")
        return out

    def extract_feat(self, inputs: Optional[Tensor] = None,
                     data_samples: Optional[List[DataSample]] = None,
                     images: Optional[Tensor] = None) -> Dict[str, Tensor]:
        """Student features of the images, the captions, or both.

        Images are encoded when given; captions when the data samples carry
        ``input_ids`` (from ``CTPTokenize``), and they must when no image is
        given. ``extract_feat(inputs, data_samples)`` on image-title pairs is
        the evaluation path (``predict``); ``extract_feat(images=...)`` and
        ``extract_feat(data_samples=...)`` are the single-modality calls of
        mmpretrain's retrieval inferencers.

        Args:
            inputs (Tensor, optional): (B, 3, H, W) preprocessed images.
            data_samples (List[DataSample], optional): Samples with
                ``input_ids``/``attention_mask`` (L,) for captions.
            images (Tensor, optional): ``inputs`` under mmpretrain's
                multimodal name; give one of the two.

        Returns:
            dict: ``img_feat`` v (B, embed_dim), normalised (with images);
            ``text_feat`` w (B, embed_dim), normalised (with captions); with
            both and ``predict_fused``, ``fused_feat`` (B, text_width), the
            normalised fused CLS.
        """
        if inputs is None:
            inputs = images
        elif images is not None and images is not inputs:
            raise ValueError('give the images once, as inputs or as images.')
        if inputs is None and data_samples is None:
            raise ValueError('CTPRetriever.extract_feat needs images, captions (data samples '
                             'with input_ids) or both.')
        out, tokens = {}, None
        if inputs is not None:
            tokens, out['img_feat'] = self._image(self.student, inputs)
        if inputs is None or self._has_text(data_samples):
            device = inputs.device if inputs is not None else next(self.student.parameters()).device
            t = self._text_inputs(data_samples, device)
            out['text_feat'] = self._text(self.student, t['input_ids'], t['attention_mask'])
            if tokens is not None and self.predict_fused:
                fused = self.student['text_encoder'](
                    t['input_ids'], t['attention_mask'], image_embeds=tokens, mode='multimodal')
                out['fused_feat'] = F.normalize(fused[:, 0], dim=-1)
        return out

    # ----------------------------------------------------------------- forward
    def forward(self, inputs: Optional[Tensor] = None,
                data_samples: Optional[List[DataSample]] = None, mode: str = 'loss',
                images: Optional[Tensor] = None):
        """``loss``, ``predict`` or ``tensor`` (:meth:`extract_feat`).

        Args:
            inputs (Tensor, optional): (B, 3, H, W) images; None for a
                caption-only batch (``tensor`` mode).
            data_samples (List[DataSample], optional): Samples.
            mode (str): ``'loss'``, ``'predict'`` or ``'tensor'``.
            images (Tensor, optional): The same images under mmpretrain's
                multimodal name (:class:`CTPDataPreprocessor` outputs both).
        """
        if inputs is None:
            inputs = images
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

    def predict(self, inputs: Tensor,
                data_samples: Optional[List[DataSample]] = None) -> List[DataSample]:
        """Attach the features; image-only queries are also matched to the gallery.

        Every sample gets its ``img_feat``/``text_feat`` (and ``fused_feat``)
        from :meth:`extract_feat` (image-title pairs: what CTP's metrics
        read). A batch of images without captions and a set ``prototype``
        is an image->image query (mmpretrain's ``ImageRetrievalInferencer``):
        each sample also gets ``pred_score`` (N_gallery,), the cosine of its
        v with every gallery v in gallery order, and ``pred_label``
        (N_gallery,), the gallery indices by descending score.

        Args:
            inputs (Tensor): (B, 3, H, W) preprocessed images.
            data_samples (List[DataSample], optional): Samples (with
                ``input_ids``/``attention_mask`` for captions).

        Returns:
            List[DataSample]: The samples (new ones if none were given).
        """
        feats = self.extract_feat(inputs, data_samples)
        if data_samples is None:
            data_samples = [DataSample() for _ in range(inputs.shape[0])]
        for i, ds in enumerate(data_samples):
            for k, f in feats.items():
                ds.set_field(f[i], k)
        if 'text_feat' not in feats and self.prototype is not None:
            if not self.prototype_inited:
                self.prepare_prototype()
            result = self.matching(feats['img_feat'])
            for ds, score, label in zip(data_samples, result['score'], result['pred_label']):
                ds.set_pred_score(score).set_pred_label(label)
        return data_samples

    # ------------------------------------------------------ cross-modal retrieval
    @torch.no_grad()
    def predict_all(self, feats: Dict[str, Tensor],
                    data_samples: Optional[List[DataSample]] = None,
                    num_images: Optional[int] = None, num_texts: Optional[int] = None,
                    cal_i2t: bool = True, cal_t2i: bool = True) -> Tuple[List[DataSample], ...]:
        """Rank captions for images (i2t) and images for captions (t2i) by ITC.

        The score is CTP's ITC similarity ``S = v @ w.T`` of the normalised
        features (:func:`~mmcontrast.pretrain.evaluation.cross_modal_recall.itc_scores`,
        the blocks CrossModalRecall ranks). The call of mmpretrain's
        ``TextToImageRetrievalInferencer`` (``cal_i2t=False``: queries are
        captions, the gallery images) and ``ImageToTextRetrievalInferencer``
        (``cal_t2i=False``), with BLIP's signature; no cross-process gather.

        Args:
            feats (dict): ``img_feat`` (Ni, D) and ``text_feat`` (Nt, D) from
                :meth:`extract_feat`.
            data_samples (List[DataSample], optional): One per query: Ni
                image samples for i2t, Nt caption samples for t2i (pairs when
                both). New samples are made when None.
            num_images (int, optional): Keep the first Ni image features.
            num_texts (int, optional): Keep the first Nt caption features.
            cal_i2t (bool): Rank captions for each image. Defaults to True.
            cal_t2i (bool): Rank images for each caption. Defaults to True.

        Returns:
            tuple: ``(i2t,)``, ``(t2i,)`` or ``(i2t, t2i)``: lists of samples
            with ``pred_score`` (N_gallery,), the ITC scores in gallery order,
            and ``pred_label`` (N_gallery,), the gallery indices by
            descending score (stable: ties in gallery order).
        """
        for key in ('img_feat', 'text_feat'):
            if key not in feats:
                raise KeyError(f'predict_all needs feats["{key}"] from extract_feat().')
        img, text = feats['img_feat'][:num_images], feats['text_feat'][:num_texts]
        results = []
        for on, query, gallery in ((cal_i2t, img, text), (cal_t2i, text, img)):
            if not on:
                continue
            if data_samples is None:
                samples = [DataSample() for _ in range(query.shape[0])]
            elif len(data_samples) != query.shape[0]:
                raise ValueError(f'{len(data_samples)} data samples for {query.shape[0]} queries.')
            else:  # both directions on one list of pairs: the second writes into copies
                samples = [ds.clone() for ds in data_samples] if results else data_samples
            results.append(self._rank(itc_scores(query, gallery), samples))
        return tuple(results)

    @staticmethod
    def _rank(scores: Tensor, samples: List[DataSample]) -> List[DataSample]:
        order = torch.sort(scores, dim=1, descending=True, stable=True).indices
        for ds, score, label in zip(samples, scores, order):
            ds.set_pred_score(score).set_pred_label(label)
        return samples

    # ----------------------------------------------------- image->image retrieval
    @torch.no_grad()
    def matching(self, inputs: Tensor) -> Dict[str, Tensor]:
        """Cosine similarity of query image features to the gallery.

        Args:
            inputs (Tensor): (N, D) query image features (``img_feat`` v).

        Returns:
            dict: ``score`` (N, Ng) cosine to each gallery image in gallery
            order, ``pred_label`` (N, Ng) gallery indices by descending score
            (stable) and ``pred_score`` (N, Ng) the sorted scores.
        """
        if not self.prototype_inited:
            self.prepare_prototype()
        score = itc_scores(F.normalize(inputs, dim=-1), self.prototype_vecs)
        pred_score, pred_label = torch.sort(score, dim=1, descending=True, stable=True)
        return dict(score=score, pred_label=pred_label, pred_score=pred_score)

    @torch.no_grad()
    def prepare_prototype(self) -> None:
        """Image features of the gallery ``self.prototype`` -> ``prototype_vecs``.

        ``prototype`` is a (Ng, D) tensor of image features, the path of one
        saved by :meth:`dump_prototype`, or a DataLoader (or its config) of
        gallery images, encoded in eval mode to the student's normalised
        ``img_feat`` (rows placed by ``sample_idx`` when the samples carry
        it, else in loader order). The result, normalised, is the
        non-persistent buffer ``prototype_vecs`` (Ng, D).
        """
        if self.prototype is None:
            raise ValueError('CTPRetriever.prototype is None: set it to the gallery (a tensor of '
                             'image features, a saved path, or a DataLoader / its config).')
        if isinstance(self.prototype, Tensor):
            vecs = self.prototype
        elif isinstance(self.prototype, str):
            vecs = safe_torch_load(self.prototype, map_location='cpu')
        elif isinstance(self.prototype, (dict, DataLoader)):
            from mmengine.runner import Runner
            vecs = self._prototype_from_loader(Runner.build_dataloader(self.prototype))
        else:
            raise TypeError(f'unsupported prototype type {type(self.prototype)}.')
        dim = self.student['vision_proj'].out_features
        if not isinstance(vecs, Tensor) or vecs.dim() != 2 or vecs.shape[1] != dim:
            raise ValueError(f'the prototype must be (N, {dim}) image features, got '
                             f'{getattr(vecs, "shape", type(vecs))}.')
        device = next(self.student.parameters()).device
        self.register_buffer('prototype_vecs', F.normalize(vecs.float(), dim=-1).to(device),
                             persistent=False)
        self.prototype_inited = True

    def _prototype_from_loader(self, loader: DataLoader) -> Tensor:
        was_training = self.training
        self.eval()
        feats, idx = [], []
        for batch in loader:
            data = self.data_preprocessor(batch, False)
            feats.append(self.extract_feat(images=data['inputs'])['img_feat'].cpu())
            idx.extend(ds.get('sample_idx') for ds in data['data_samples'])
        self.train(was_training)
        feats = torch.cat(feats)
        if any(i is None for i in idx):
            if dist.get_world_size() > 1:
                raise ValueError('a distributed prototype needs sample_idx in the data samples.')
            return feats
        vecs = feats.new_zeros((len(loader.dataset), feats.shape[1]))
        vecs[torch.as_tensor(idx)] = feats
        dist.all_reduce(vecs)
        return vecs

    def dump_prototype(self, path: str) -> None:
        """Save ``prototype_vecs`` (Ng, D) to ``path`` (a later ``prototype``)."""
        if not self.prototype_inited:
            self.prepare_prototype()
        torch.save(self.prototype_vecs.cpu(), path)
