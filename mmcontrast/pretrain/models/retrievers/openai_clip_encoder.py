# Copyright (c) mmcontrast contributors. All rights reserved.
"""Both OpenAI CLIP towers as one module (image + text), for CLIP4Cir."""
from typing import Dict, Optional, Sequence, Union

import torch
import torch.nn as nn
from mmengine.model import BaseModule
from mmengine.registry import MODELS as ROOT_MODELS
from mmpretrain.registry import MODELS
from torch import Tensor
from torch.utils.checkpoint import checkpoint

from mmcontrast.clip import CLIPResNetWithAttention, convert_clip


@MODELS.register_module()
class OpenAICLIPEncoder(BaseModule):
    """OpenAI CLIP image and text encoders (Radford et al., ICML 2021) for
    composed image retrieval (CLIP4Cir, Baldrati et al., ACM TOMM 2023).

    Wraps the host-neutral towers of :mod:`mmcontrast.clip`: ``backbone``
    (``CLIPResNetWithAttention`` for RN50/RN50x4/..., or
    ``CLIPVisionTransformer``) and ``text_encoder`` (``CLIPTextContextEncoder``
    with no context tokens, 77 positions, owning the BPE tokenizer). The
    attribute names are those of :func:`mmcontrast.clip.convert_clip`, so an
    OpenAI/open_clip state dict loads with :meth:`load_openai_state_dict` or
    ``init_cfg=dict(type='Pretrained', checkpoint=<converted>)``.

    Args:
        backbone (dict): Image tower config (root registry).
        text_encoder (dict): Text tower config; ``frozen`` is forced False
            (freezing is the retriever's ``finetune`` choice).
        with_cp (bool): Gradient checkpointing of every ResNet stage (or ViT
            block) and of the text transformer. Defaults to False.
        init_cfg (dict, optional): Pretrained init on a converted checkpoint.
    """

    def __init__(self, backbone: dict, text_encoder: dict, with_cp: bool = False,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        text_encoder = dict(text_encoder, frozen=False, with_cp=with_cp, cache_embeddings=False)
        self.backbone = ROOT_MODELS.build(backbone)
        self.text_encoder = ROOT_MODELS.build(text_encoder)
        self.with_cp = with_cp
        self.embed_dim = self.text_encoder.embed_dim

    def load_openai_state_dict(self, state_dict: Dict[str, Tensor], strict: bool = True):
        """Load an OpenAI/open_clip CLIP state dict (``visual.*``, ``transformer.*``...)."""
        return self.load_state_dict(convert_clip(state_dict), strict=strict)

    def tokenize(self, texts: Union[str, Sequence[str]]) -> Tensor:
        """Texts -> (N, context_length) ids (truncated, EOT kept)."""
        return self.text_encoder.tokenize(texts)

    def _run(self, fn, x: Tensor) -> Tensor:
        if self.with_cp and torch.is_grad_enabled() and (
                x.requires_grad or any(p.requires_grad for p in self.parameters())):
            return checkpoint(fn, x, use_reentrant=False)
        return fn(x)

    def encode_image(self, img: Tensor) -> Tensor:
        """(B, 3, H, W) normalised pixels -> (B, C) un-normalised embeddings."""
        bb = self.backbone
        if isinstance(bb, CLIPResNetWithAttention):
            x = self._run(bb.stem, img)
            for layer in (bb.layer1, bb.layer2, bb.layer3, bb.layer4):
                x = self._run(layer, x)
            return bb.attnpool(x)[0]
        if self.with_cp:
            return checkpoint(lambda t: bb(t)[-1][0], img, use_reentrant=False)
        return bb(img)[-1][0]

    def encode_text(self, ids: Tensor) -> Tensor:
        """(B, L) token ids -> (B, C) un-normalised embeddings."""
        return self.text_encoder(ids)[0]

    def forward(self, img: Tensor) -> Tensor:
        return self.encode_image(img)


def freeze(module: nn.Module) -> None:
    """``requires_grad=False`` on every parameter of ``module``."""
    for p in module.parameters():
        p.requires_grad_(False)
