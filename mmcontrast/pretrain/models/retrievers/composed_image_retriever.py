# Copyright (c) mmcontrast contributors. All rights reserved.
"""CLIP4Cir's composed image retriever (clip4cir.md §2-§3, §9)."""
from typing import Dict, List, Optional, Sequence

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmengine.dist import all_reduce
from mmengine.runner import Runner
from mmpretrain.models.retrievers import BaseRetriever
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample
from torch import Tensor

from mmcontrast.contrastive.losses import info_nce_loss
from .cir_ranking import rank_queries
from .openai_clip_encoder import freeze

FINETUNE = ('both', 'text', 'image', 'none')


@MODELS.register_module()
class ComposedImageRetriever(BaseRetriever):
    """Composed image retrieval with task-oriented CLIP features and a
    Combiner ("Composed Image Retrieval using Contrastive Learning and
    Task-oriented CLIP-based Features", Baldrati et al., ACM TOMM 2023).

    A query is a reference image plus a relative caption; the query feature
    ``q = combiner(f_I(ref), f_T(caption))`` retrieves the target
    ``normalize(f_I(target))``. Stage 1 (``combiner=SumCombiner``,
    ``finetune='both'``) fine-tunes CLIP; stage 2 (``Combiner``,
    ``finetune='none'``) trains the Combiner on pre-extracted CLIP features
    (:class:`CIRFeatureCacheHook` fills :meth:`cache_features`). Both stages
    use one-directional batch InfoNCE at the constant logit scale 100.

    Inputs: training batches carry ``inputs = [ref (B,3,H,W), target
    (B,3,H,W)]`` (stage 1) or nothing (stage 2: features looked up by image
    path and caption); data samples carry ``caption``, ``ref_path``,
    ``tgt_path``, ``tgt_id``; queries at validation carry ``ref_idx`` (gallery
    index of the reference, whose feature is reused), ``tgt_idx``,
    ``category`` and ``member_idx``.

    Args:
        clip (dict): :class:`OpenAICLIPEncoder` config.
        combiner (dict): ``SumCombiner`` or ``Combiner``. Defaults to SumCombiner.
        finetune (str): CLIP towers trained: 'both', 'text', 'image' or 'none'
            (stage 2 / zero-shot). Defaults to 'both'.
        encoders_eval (bool): Keep CLIP in eval mode while training (frozen
            BN statistics, no dropout) as the official code. Defaults to True.
        logit_scale (float): Constant scale (1/tau). Defaults to 100.
        dedup_targets (bool): Mask in-batch columns showing the row's target
            id (duplicate targets are no negatives). Defaults to True.
        mask_reference (bool): Remove the reference from its ranking (CIRR).
            Defaults to True.
        mask_other_groups (bool): Rank only gallery items of the query's
            category (FashionIQ). Defaults to False.
        topk (int): Gallery indices returned per query. Defaults to 50.
        score_chunk (int): Queries scored at once. Defaults to 1024.
        gallery_batch (int): Batch of the gallery encoding. Defaults to 256.
        prototype (dict, optional): Dataloader config of the gallery
            (dataset in ``mode='gallery'``). Defaults to None.
        data_preprocessor (dict, optional): ``CIRDataPreprocessor``.
        init_cfg (dict, optional): Init config.
    """

    def __init__(self,
                 clip: dict,
                 combiner: dict = dict(type='SumCombiner'),
                 finetune: str = 'both',
                 encoders_eval: bool = True,
                 logit_scale: float = 100.,
                 dedup_targets: bool = True,
                 mask_reference: bool = True,
                 mask_other_groups: bool = False,
                 topk: int = 50,
                 score_chunk: int = 1024,
                 prototype: Optional[dict] = None,
                 data_preprocessor: Optional[dict] = None,
                 init_cfg: Optional[dict] = None) -> None:
        if data_preprocessor is None:
            data_preprocessor = dict(type='CIRDataPreprocessor')
        super().__init__(prototype=prototype, data_preprocessor=data_preprocessor,
                         init_cfg=init_cfg)
        if finetune not in FINETUNE:
            raise ValueError(f'finetune must be one of {FINETUNE}, got {finetune!r}.')
        if logit_scale <= 0:
            raise ValueError(f'logit_scale must be > 0, got {logit_scale}.')
        self.clip = MODELS.build(clip)
        self.combiner = MODELS.build(combiner)
        self.finetune = finetune
        self.encoders_eval = encoders_eval
        self.logit_scale = float(logit_scale)
        self.dedup_targets = dedup_targets
        self.mask_reference = mask_reference
        self.mask_other_groups = mask_other_groups
        self.topk = topk
        self.score_chunk = score_chunk
        if finetune in ('none', 'text'):
            freeze(self.clip.backbone)
        if finetune in ('none', 'image'):
            freeze(self.clip.text_encoder)
        self._img_cache: Optional[Tensor] = None  # (N_img, C) raw features (stage 2)
        self._img_index: Dict[str, int] = {}
        self._txt_cache: Optional[Tensor] = None
        self._txt_index: Dict[str, int] = {}
        self.gallery_raw: Optional[Tensor] = None  # (N_g, C) raw features
        self.gallery_group: Optional[Tensor] = None

    # ------------------------------------------------------------------ modes
    def train(self, mode: bool = True) -> 'ComposedImageRetriever':
        super().train(mode)
        if mode and (self.encoders_eval or self.finetune == 'none'):
            self.clip.eval()  # frozen BN statistics while the weights train
        return self

    @property
    def encoders_frozen(self) -> bool:
        return self.finetune == 'none'

    # -------------------------------------------------------------- features
    def _encode_images(self, img: Tensor) -> Tensor:
        with torch.set_grad_enabled(torch.is_grad_enabled() and
                                    self.finetune in ('both', 'image')):
            return self.clip.encode_image(img).float()

    def _encode_texts(self, texts: Sequence[str]) -> Tensor:
        ids = self.clip.tokenize(list(texts)).to(self._device())
        with torch.set_grad_enabled(torch.is_grad_enabled() and
                                    self.finetune in ('both', 'text')):
            return self.clip.encode_text(ids).float()

    def _device(self) -> torch.device:
        return next(self.combiner.parameters(), self.clip.text_encoder.text_projection).device

    def extract_feat(self, inputs: Tensor) -> Tensor:
        """(B, 3, H, W) -> (B, C) normalised image features (gallery)."""
        return F.normalize(self._encode_images(inputs), dim=-1)

    @torch.no_grad()
    def cache_features(self, img_names: Sequence[str], img_feats: Tensor,
                       texts: Sequence[str], txt_feats: Tensor) -> None:
        """Store raw CLIP features of the training images and captions (stage 2)."""
        if not self.encoders_frozen:
            raise RuntimeError('cache_features needs finetune="none" (frozen CLIP).')
        self._img_index = {n: i for i, n in enumerate(img_names)}
        self._txt_index = {t: i for i, t in enumerate(texts)}
        self._img_cache = img_feats.float().to(self._device())
        self._txt_cache = txt_feats.float().to(self._device())

    def _lookup(self, cache: Optional[Tensor], index: Dict[str, int], keys: Sequence[str],
                what: str) -> Tensor:
        if cache is None:
            raise RuntimeError(f'No {what} features given and no feature cache: stage 2 needs '
                               'custom_hooks=[dict(type="CIRFeatureCacheHook", ...)] or image '
                               'inputs in the training pipeline.')
        try:
            rows = [index[k] for k in keys]
        except KeyError as e:
            raise KeyError(f'{what} {e} is not in the feature cache; rebuild it.') from e
        return cache[torch.as_tensor(rows, device=cache.device)]

    # ------------------------------------------------------------------ loss
    def forward(self, inputs=None, data_samples: Optional[List[DataSample]] = None,
                mode: str = 'loss'):
        if mode == 'tensor':
            return self.extract_feat(inputs)
        if mode == 'loss':
            return self.loss(inputs, data_samples)
        if mode == 'predict':
            return self.predict(inputs, data_samples)
        raise RuntimeError(f'Invalid mode "{mode}".')

    def loss(self, inputs: Optional[List[Tensor]], data_samples: List[DataSample]) -> dict:
        """One-directional InfoNCE from the composed query to the target."""
        captions = [ds.caption for ds in data_samples]
        if inputs is not None:
            ref, tgt = inputs
            b = ref.shape[0]
            feats = self._encode_images(torch.cat([ref, tgt]))
            ref_f, tgt_f = feats[:b], feats[b:]
            txt_f = self._encode_texts(captions)
        else:
            ref_f = self._lookup(self._img_cache, self._img_index,
                                 [ds.ref_path for ds in data_samples], 'image')
            tgt_f = self._lookup(self._img_cache, self._img_index,
                                 [ds.tgt_path for ds in data_samples], 'image')
            txt_f = self._lookup(self._txt_cache, self._txt_index, captions, 'caption')
        if self.finetune != 'none':
            self.prototype_inited = False  # the encoders change: re-encode the gallery
        q = self.combiner(ref_f, txt_f)
        g = F.normalize(tgt_f.float(), dim=-1)
        key_ids = None
        if self.dedup_targets:
            key_ids = torch.as_tensor([int(ds.tgt_id) for ds in data_samples], device=q.device)
        loss = info_nce_loss(q, g, temperature=1. / self.logit_scale, key_ids=key_ids)
        return dict(loss=loss)

    # --------------------------------------------------------------- gallery
    @torch.no_grad()
    def prepare_prototype(self) -> None:
        """Encode the gallery (every image of the evaluated split) once."""
        if self.prototype is None:
            raise ValueError('ComposedImageRetriever needs prototype=<gallery dataloader cfg>.')
        loader = self.prototype
        if isinstance(loader, dict):
            loader = Runner.build_dataloader(loader)
            self.prototype = loader
        dataset = loader.dataset
        n = len(dataset)
        raw, count, group = None, None, torch.zeros(n, dtype=torch.long)
        was_training = self.training
        nn.Module.train(self, False)
        for data in loader:
            data = self.data_preprocessor(data, False)
            feat = self._encode_images(data['inputs'])
            if raw is None:
                raw = torch.zeros(n, feat.shape[1], device=feat.device)
                count = torch.zeros(n, 1, device=feat.device)
            for i, ds in enumerate(data['data_samples']):
                raw[ds.sample_idx] = feat[i]
                count[ds.sample_idx] = 1
        if raw is None:
            raise ValueError('The gallery dataloader is empty.')
        for i in range(n):
            group[i] = int(dataset.get_data_info(i).get('category', 0))
        all_reduce(raw)  # each rank encoded a shard; padded repeats are averaged out
        all_reduce(count)
        if (count == 0).any():
            raise RuntimeError(f'{int((count == 0).sum())} gallery images were not encoded.')
        raw = raw / count
        self.gallery_raw = raw
        self.prototype_vecs = F.normalize(raw, dim=-1)
        self.gallery_group = group.to(raw.device)
        self.prototype_inited = True
        self.train(was_training)

    # -------------------------------------------------------------- predict
    @torch.no_grad()
    def predict(self, inputs=None, data_samples: Optional[List[DataSample]] = None
                ) -> List[DataSample]:
        """Rank the gallery; each sample gets ``pred_topk`` (k,), ``target_rank``
        (0-based, -1 unknown) and ``member_rank`` (M,) — never a full score row."""
        if not self.prototype_inited:
            self.prepare_prototype()
        dev = self.gallery_raw.device
        ref_idx = torch.as_tensor([int(ds.ref_idx) for ds in data_samples], device=dev)
        if (ref_idx < 0).any():
            bad = [ds.get('pairid', i) for i, ds in enumerate(data_samples) if ds.ref_idx < 0]
            raise ValueError(f'Reference images of queries {bad[:5]} are not in the gallery; '
                             'the gallery must hold every reference image of the split.')
        txt_f = self._encode_texts([ds.caption for ds in data_samples]).to(dev)
        q = self.combiner(self.gallery_raw[ref_idx], txt_f)
        tgt = torch.as_tensor([int(ds.get('tgt_idx', -1)) for ds in data_samples], device=dev)
        members = [list(ds.get('member_idx', [])) for ds in data_samples]
        m = max([len(x) for x in members] + [0])
        mem = torch.full((len(members), max(m, 1)), -1, dtype=torch.long, device=dev)
        for i, x in enumerate(members):
            if x:
                mem[i, :len(x)] = torch.as_tensor(x, device=dev)
        groups = None
        if self.mask_other_groups:
            groups = torch.as_tensor([int(ds.get('category', 0)) for ds in data_samples],
                                     device=dev)
        res = rank_queries(q, self.prototype_vecs, tgt,
                           ref_idx if self.mask_reference else None, groups,
                           self.gallery_group if groups is not None else None, mem,
                           self.topk, self.score_chunk)
        for i, ds in enumerate(data_samples):
            ds.set_field(res['topk'][i].cpu(), 'pred_topk')
            ds.set_field(int(res['target_rank'][i]), 'target_rank', field_type='metainfo')
            ds.set_field(res['member_rank'][i, :len(members[i])].cpu(), 'member_rank')
        return data_samples
