# Copyright (c) mmcontrast contributors. All rights reserved.
"""DenseCLIP segmentor on mmseg's EncoderDecoder, with ICPC's switchable parts."""
import os.path as osp
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

import torch
import torch.nn as nn
from mmseg.models.segmentors import EncoderDecoder
from mmseg.registry import DATASETS, MODELS
from mmseg.utils import add_prefix
from torch import Tensor

from mmcontrast.clip import SOT_TOKEN
from ..vision_language import pixel_text_score
from .feature_losses import FeatureLossMixin


def _read_names_file(path: str) -> List[str]:
    with open(path, encoding='utf-8') as f:
        return [ln.rstrip('\n') for ln in f if ln.strip()]


@MODELS.register_module()
class DenseCLIP(FeatureLossMixin, EncoderDecoder):
    """DenseCLIP (Rao et al., "DenseCLIP: Language-Guided Dense Prediction with
    Context-Aware Prompting", CVPR 2022), with the three parts of ICPC (Yu et
    al., arXiv 2308.07078) as optional modules.

    ``extract_feat``: CLIP image encoder -> ``[stage maps, (global, dense)]``;
    prompts (shared ``contexts`` (1, M, D), or per-image ones from
    ``prompt_generator``) -> frozen text encoder -> (B, K, C) text embeddings;
    optional ``context_decoder`` update ``t + gamma * Dec(t, [global; dense])``;
    score map ``s = cos(dense, t)`` (B, K, h, w) concatenated to stage
    ``score_concat_index`` (and, with ``aligner``, more score maps at other
    stages) -> neck. ``loss`` adds DenseCLIP's identity-head cross-entropy on
    ``s / tau`` and the ``feature_losses`` (:class:`FeatureLossMixin`) on the
    named features ``score_maps`` (list, finest first, the attention-pool map
    last), ``text`` (B, K, C), ``global`` (B, C), ``dense`` (B, C, h, w) and
    ``neck``; ICPC's align-guided contrastive loss is one::

        feature_losses=dict(agc=dict(type='AlignGuidedContrastiveLoss',
                                     features='score_maps', topk_neg=10))

    Inference, slide windows and TTA are inherited from ``EncoderDecoder``.
    Class names are tokenised by the text encoder (it owns the vocabulary);
    with static prompts (no ``prompt_generator``) the text encoder caches the
    class embeddings at inference, so slide windows and TTA views encode the
    names once. The neck's ``in_channels`` are derived from the backbone's
    ``out_channels`` plus K at ``score_concat_index`` and at the aligner's
    stages (a given value must agree).

    ICPC is this class with its three parts configured (``configs/icpc/
    icpc_*.py``: ``prompt_generator``, ``aligner`` and the ``agc`` feature
    loss); every delta is a switchable module, so no subclass is needed.

    Args:
        backbone (dict): ``CLIPResNetWithAttention`` or ``CLIPVisionTransformer``
            with ``get_embeddings=True``.
        text_encoder (dict): ``CLIPTextContextEncoder`` whose
            ``context_length == name_context_length + num_contexts``; it
            tokenises the class names.
        decode_head (dict): e.g. mmseg ``FPNHead``; ``num_classes`` = K.
        class_names (list[str] | dict): K names in label order, or
            ``dict(dataset='ADE20KDataset')`` (its ``METAINFO['classes']``), or
            ``dict(file='path.txt')`` (one name per line; read at build if it
            exists, else at the first forward, unless a checkpoint provided
            ``name_token_ids``).
        name_context_length (int): Tokens per name incl. SOT/EOT (longer names
            are truncated, EOT kept). Defaults to 5.
        num_contexts (int): M learnable context tokens. Defaults to 8.
        token_embed_dim (int): Text token dim D. Defaults to 512.
        first_synonym (bool): Prompt with the text before the first comma
            ("building, edifice" -> "building"). Defaults to True.
        context_decoder (dict, optional): ``ContextDecoder``; adds ``gamma``.
        gamma_init (float): Initial value of ``gamma`` (C,). Defaults to 1e-4.
        prompt_generator (dict, optional): ``InstancePromptGenerator`` (ICPC).
        aligner (dict, optional): ``MultiScaleAligner`` (ICPC); its
            ``in_channels``/``embed_dim`` are filled from the backbone/text encoder.
        identity_head (dict, optional): ``IdentityHead`` on ``s / tau``.
        feature_losses (dict, optional): ``{name: loss config}`` on the named
            features above (ICPC: ``AlignGuidedContrastiveLoss`` on
            ``score_maps``). Defaults to None.
        tau (float): Temperature of the identity head. Defaults to 0.07.
        score_concat_index (int): Stage receiving the score map (3 for CLIP
            ResNets, 2 for ViT-B/16). Defaults to 3.
        neck (dict, optional): e.g. mmseg ``FPN``; ``in_channels`` may be
            omitted (derived).
        Other arguments: as mmseg ``EncoderDecoder``.
    """

    feature_names = ('neck', 'score_maps', 'text', 'global', 'dense')

    def __init__(self,
                 backbone: dict,
                 text_encoder: dict,
                 decode_head: dict,
                 class_names: Union[Sequence[str], dict],
                 name_context_length: int = 5,
                 num_contexts: int = 8,
                 token_embed_dim: int = 512,
                 first_synonym: bool = True,
                 context_decoder: Optional[dict] = None,
                 gamma_init: float = 1e-4,
                 prompt_generator: Optional[dict] = None,
                 aligner: Optional[dict] = None,
                 identity_head: Optional[dict] = None,
                 feature_losses: Optional[Mapping[str, Optional[dict]]] = None,
                 tau: float = 0.07,
                 score_concat_index: int = 3,
                 neck: Optional[dict] = None,
                 auxiliary_head: Optional[dict] = None,
                 train_cfg: Optional[dict] = None,
                 test_cfg: Optional[dict] = None,
                 data_preprocessor: Optional[dict] = None,
                 pretrained: Optional[str] = None,
                 init_cfg=None) -> None:
        if tau <= 0:
            raise ValueError(f'tau must be > 0, got {tau}.')
        if num_contexts < 0 or name_context_length < 3:
            raise ValueError(f'num_contexts must be >= 0 and name_context_length >= 3 '
                             f'(SOT, a token, EOT); got {num_contexts}, {name_context_length}.')
        if text_encoder.get('context_length', 13) != name_context_length + num_contexts:
            raise ValueError(
                f"text_encoder.context_length={text_encoder.get('context_length', 13)} must equal "
                f'name_context_length + num_contexts = {name_context_length + num_contexts}.')
        super().__init__(backbone=backbone, decode_head=decode_head, neck=None,
                         auxiliary_head=auxiliary_head, train_cfg=train_cfg, test_cfg=test_cfg,
                         data_preprocessor=data_preprocessor, pretrained=pretrained,
                         init_cfg=init_cfg)
        if not getattr(self.backbone, 'get_embeddings', False):
            raise ValueError('DenseCLIP needs a backbone with get_embeddings=True '
                             '(CLIPResNetWithAttention / CLIPVisionTransformer).')
        self.text_encoder = MODELS.build(text_encoder)
        embed_dim = self.text_encoder.embed_dim
        self.tau = tau
        self.score_concat_index = score_concat_index
        self.name_context_length = name_context_length
        self.first_synonym = first_synonym

        # Class names -> (K, L) token ids, kept in a buffer so that checkpoints
        # carry them (inference then needs no names file).
        K = self.num_classes
        self.register_buffer('name_token_ids',
                             torch.zeros(K, name_context_length, dtype=torch.long))
        self._names_file = None
        names = self._resolve_class_names(class_names)
        if names is not None:
            self._set_names(names)

        self.prompt_generator = None
        if prompt_generator is not None:
            prompt_generator = dict(prompt_generator)
            prompt_generator.setdefault('embed_dim', embed_dim)
            prompt_generator.setdefault('token_dim', token_embed_dim)
            prompt_generator.setdefault('num_contexts', num_contexts)
            self.prompt_generator = MODELS.build(prompt_generator)
        use_shared = num_contexts > 0 and not (
            self.prompt_generator is not None and self.prompt_generator.mode == 'replace')
        if num_contexts == 0 and self.prompt_generator is not None:
            raise ValueError('prompt_generator needs num_contexts > 0.')
        self.contexts = None
        if use_shared:
            self.contexts = nn.Parameter(torch.empty(1, num_contexts, token_embed_dim))
            nn.init.trunc_normal_(self.contexts)  # std 1, as DenseCLIP

        self.context_decoder = None
        if context_decoder is not None:
            context_decoder = dict(context_decoder)
            context_decoder.setdefault('visual_dim', embed_dim)
            self.context_decoder = MODELS.build(context_decoder)
            self.gamma = nn.Parameter(torch.full((embed_dim, ), float(gamma_init)))

        self.aligner = None
        if aligner is not None:
            aligner = dict(aligner)
            stages = aligner.get('stages', (1, 2))
            if score_concat_index in stages:
                raise ValueError(f'aligner.stages {stages} must not contain score_concat_index='
                                 f'{score_concat_index} (that stage gets the attention-pool map).')
            aligner.setdefault('in_channels', [self.backbone.out_channels[s] for s in stages])
            aligner.setdefault('embed_dim', embed_dim)
            self.aligner = MODELS.build(aligner)

        self.identity_head = MODELS.build(identity_head) if identity_head is not None else None
        self.init_feature_losses(feature_losses)
        if neck is not None:
            self.neck = MODELS.build(self._neck_with_channels(neck))

    def _neck_with_channels(self, neck: dict) -> dict:
        """Fill ``neck.in_channels``: backbone channels + K where score maps join."""
        chans = list(self.backbone.out_channels)
        stages = list(self.aligner.stages) if self.aligner is not None else []
        for s in stages + [self.score_concat_index]:
            chans[s] += self.num_classes
        neck = dict(neck)
        given = neck.get('in_channels')
        if given is not None and list(given) != chans:
            raise ValueError(f'neck.in_channels={list(given)} but the backbone + score maps '
                             f'give {chans} (K={self.num_classes} added at stages '
                             f'{sorted(stages + [self.score_concat_index])}); drop '
                             'neck.in_channels from the config, it is derived.')
        neck['in_channels'] = chans
        return neck

    # ----------------------------------------------------------- class names
    def _resolve_class_names(self, class_names) -> Optional[List[str]]:
        if isinstance(class_names, dict):
            if 'dataset' in class_names:
                return list(DATASETS.get(class_names['dataset']).METAINFO['classes'])
            if 'file' in class_names:
                self._names_file = class_names['file']
                return _read_names_file(self._names_file) if osp.isfile(self._names_file) else None
            raise ValueError("class_names dict needs a 'dataset' or a 'file' key.")
        if isinstance(class_names, (list, tuple)) and all(isinstance(n, str) for n in class_names):
            return list(class_names)
        raise ValueError('class_names must be a list of str, dict(dataset=...) or dict(file=...), '
                         f'got {type(class_names).__name__}.')

    def _set_names(self, names: Sequence[str]) -> None:
        if len(names) != self.num_classes:
            raise ValueError(f'{len(names)} class names for decode_head.num_classes='
                             f'{self.num_classes}; they must agree.')
        if self.first_synonym:
            names = [n.split(',')[0].strip() for n in names]
        ids = self.text_encoder.tokenize(list(names), self.name_context_length)
        self.name_token_ids.copy_(ids.to(self.name_token_ids.device))

    def _get_name_ids(self) -> Tensor:
        if not bool((self.name_token_ids[:, 0] == SOT_TOKEN).all()):
            if self._names_file is None or not osp.isfile(self._names_file):
                raise FileNotFoundError(
                    f'class-name file {self._names_file!r} not found and no name_token_ids were '
                    'loaded from a checkpoint; for ADE20K-Full run tools/dataset_converters/'
                    'ade20k_full.py, which writes it from the dataset metadata.')
            self._set_names(_read_names_file(self._names_file))
        return self.name_token_ids

    # -------------------------------------------------------------- features
    def text_embeddings(self, global_feat: Tensor, dense: Tensor) -> Tensor:
        """(B, C) global and (B, C, h, w) dense embeddings -> (B, K, C) texts.

        With shared contexts the text encoder returns (1, K, C), cached at
        inference; per-image prompts give (B, K, C)."""
        B = global_feat.shape[0]
        ctx = self.contexts
        if self.prompt_generator is not None:
            ctx = self.prompt_generator(global_feat, dense, ctx)  # (B, M, D)
        text = self.text_encoder(self._get_name_ids(), ctx).expand(B, -1, -1)  # (B, K, C)
        if self.context_decoder is not None:
            mem = torch.cat([global_feat[:, None], dense.flatten(2).transpose(1, 2)], dim=1)
            text = text + self.gamma * self.context_decoder(text, mem)
        return text

    def extract_named_feats(self, inputs: Tensor) -> Dict[str, Any]:
        """Args: inputs (B, 3, H, W). Returns: ``neck`` (list of maps),
        ``score_maps`` (aligner maps in stage order, then the (B, K, h, w)
        attention-pool map), ``text`` (B, K, C), ``global`` (B, C) and
        ``dense`` (B, C, h, w)."""
        x = self.backbone(inputs)
        feats, (global_feat, dense) = list(x[:-1]), x[-1]
        text = self.text_embeddings(global_feat, dense)
        score_maps = []
        if self.aligner is not None:
            for s, m in zip(self.aligner.stages, self.aligner(feats, text)):
                feats[s] = torch.cat([feats[s], m.to(feats[s].dtype)], dim=1)
                score_maps.append(m)
        s_last = pixel_text_score(dense, text)  # (B, K, h, w)
        i = self.score_concat_index
        feats[i] = torch.cat([feats[i], s_last.to(feats[i].dtype)], dim=1)
        score_maps.append(s_last)
        if self.with_neck:
            feats = self.neck(feats)
        return dict(neck=feats, score_maps=score_maps, text=text, dense=dense,
                    **{'global': global_feat})

    def extract_feat_and_scores(self, inputs: Tensor) -> Tuple[List[Tensor], List[Tensor]]:
        """Neck features and score maps (see :meth:`extract_named_feats`)."""
        named = self.extract_named_feats(inputs)
        return named['neck'], named['score_maps']

    def extract_feat(self, inputs: Tensor) -> List[Tensor]:
        """Neck features (used by inference, slide windows and TTA)."""
        return self.extract_named_feats(inputs)['neck']

    def loss(self, inputs: Tensor, data_samples) -> dict:
        """Decode-head CE + auxiliary heads + identity CE on s/tau + feature losses."""
        named = self.extract_named_feats(inputs)
        feats, score_maps = named['neck'], named['score_maps']
        losses = dict()
        losses.update(self._decode_head_forward_train(feats, data_samples))
        if self.with_auxiliary_head:
            losses.update(self._auxiliary_head_forward_train(feats, data_samples))
        if self.identity_head is not None:
            loss_id = self.identity_head.loss(score_maps[-1] / self.tau, data_samples,
                                              self.train_cfg)
            losses.update(add_prefix(loss_id, 'aux_identity'))
        losses.update(self.feature_loss(named, data_samples))
        return losses
