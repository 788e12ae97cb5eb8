# Copyright (c) mmcontrast contributors. All rights reserved.
"""ALBEF's BERT: self-attention text layers, then cross-attention fusion layers.

Li et al., "Align before Fuse: Vision and Language Representation Learning
with Momentum Distillation" (ALBEF), NeurIPS 2021; used by CTP (Zhu et al.,
ICCV 2023). Layers ``0 .. fusion_layer-1`` are plain BERT layers (the text
encoder); layers ``fusion_layer ..`` add a cross-attention block over *all*
image tokens (the fusion encoder). transformers' ``BertModel`` adds
cross-attention to every layer and only with ``is_decoder=True`` (causal
mask), so the stack is assembled here from transformers' ``BertEmbeddings`` /
``BertAttention`` / ``BertIntermediate`` / ``BertOutput`` with ALBEF's
parameter names (``embeddings.*``, ``encoder.layer.{i}.{attention,
crossattention,intermediate,output}.*``), which keeps bert-base-chinese and
ALBEF/CTP checkpoints loadable by name.
"""
from typing import Optional

import torch
import torch.nn as nn
from mmengine.model import BaseModule
from mmpretrain.registry import MODELS
from torch import Tensor
from transformers import BertConfig
from transformers.models.bert.modeling_bert import (BertAttention, BertEmbeddings,
                                                    BertIntermediate, BertOutput)


class ALBEFBertLayer(nn.Module):
    """One BERT layer, optionally with cross-attention to image tokens.

    Args:
        config (BertConfig): BERT hyper-parameters (eager attention).
        cross_attention (bool): Add the cross-attention block.
        encoder_width (int): Width of the image tokens (keys/values of the
            cross-attention).
    """

    def __init__(self, config: BertConfig, cross_attention: bool,
                 encoder_width: int) -> None:
        super().__init__()
        self.attention = BertAttention(config)
        self.has_cross_attention = cross_attention
        if cross_attention:
            self.crossattention = BertAttention(
                config, position_embedding_type='absolute')
            sa = self.crossattention.self
            sa.key = nn.Linear(encoder_width, sa.all_head_size)
            sa.value = nn.Linear(encoder_width, sa.all_head_size)
        self.intermediate = BertIntermediate(config)
        self.output = BertOutput(config)

    def forward(self, x: Tensor, mask: Tensor, image_embeds: Optional[Tensor] = None,
                image_mask: Optional[Tensor] = None) -> Tensor:
        """(B, L, H) -> (B, L, H); masks are additive (B, 1, 1, L/Li)."""
        x = self.attention(x, attention_mask=mask)[0]
        if self.has_cross_attention:
            if image_embeds is None:
                raise ValueError('a fusion layer needs image_embeds (mode="multimodal").')
            x = self.crossattention(
                x, encoder_hidden_states=image_embeds,
                encoder_attention_mask=image_mask)[0]
        return self.output(self.intermediate(x), x)


@MODELS.register_module()
class ALBEFBertEncoder(BaseModule):
    """ALBEF text + fusion encoder (BERT with cross-attention from ``fusion_layer``).

    Modes: ``'text'`` runs the embeddings and layers ``< fusion_layer``
    (unimodal text features); ``'fusion'`` runs layers ``>= fusion_layer`` on
    given text hidden states with the image tokens; ``'multimodal'`` both.

    Args:
        vocab_size (int): Vocabulary size (21128 for bert-base-chinese).
        hidden_size (int): Defaults to 768.
        num_layers (int): Total layers. Defaults to 12.
        fusion_layer (int): First layer with cross-attention. Defaults to 6.
        num_heads (int): Defaults to 12.
        intermediate_size (int): Defaults to 3072.
        encoder_width (int): Image token width. Defaults to 768.
        max_position_embeddings (int): Defaults to 512.
        dropout (float): Hidden and attention dropout. Defaults to 0.1.
        layer_norm_eps (float): Defaults to 1e-12.
        pad_token_id (int): Defaults to 0.
        init_cfg (dict, optional): e.g. ``dict(type='Pretrained',
            checkpoint=..., prefix=...)`` for bert-base-chinese (converted with
            ``tools/model_converters/ctp_bert2mmcontrast.py``). Random
            (std 0.02, BERT's init) otherwise.
    """

    def __init__(self,
                 vocab_size: int,
                 hidden_size: int = 768,
                 num_layers: int = 12,
                 fusion_layer: int = 6,
                 num_heads: int = 12,
                 intermediate_size: int = 3072,
                 encoder_width: int = 768,
                 max_position_embeddings: int = 512,
                 dropout: float = 0.1,
                 layer_norm_eps: float = 1e-12,
                 pad_token_id: int = 0,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        if not 0 <= fusion_layer <= num_layers:
            raise ValueError(f'fusion_layer must be in [0, num_layers={num_layers}], '
                             f'got {fusion_layer}.')
        self.config = BertConfig(
            vocab_size=vocab_size, hidden_size=hidden_size,
            num_hidden_layers=num_layers, num_attention_heads=num_heads,
            intermediate_size=intermediate_size,
            hidden_dropout_prob=dropout, attention_probs_dropout_prob=dropout,
            max_position_embeddings=max_position_embeddings,
            layer_norm_eps=layer_norm_eps, pad_token_id=pad_token_id,
            is_decoder=False, add_cross_attention=False)
        self.config._attn_implementation = 'eager'
        self.fusion_layer = fusion_layer
        self.hidden_size = hidden_size
        self.embeddings = BertEmbeddings(self.config)
        self.encoder = nn.Module()
        self.encoder.layer = nn.ModuleList([
            ALBEFBertLayer(self.config, i >= fusion_layer, encoder_width)
            for i in range(num_layers)
        ])
        self.apply(self._init_bert)

    def _init_bert(self, m: nn.Module) -> None:
        if isinstance(m, (nn.Linear, nn.Embedding)):
            m.weight.data.normal_(0.0, 0.02)
        if isinstance(m, nn.Linear) and m.bias is not None:
            m.bias.data.zero_()
        if isinstance(m, nn.LayerNorm):
            m.weight.data.fill_(1.0)
            m.bias.data.zero_()

    @staticmethod
    def _additive(mask: Tensor, dtype: torch.dtype) -> Tensor:
        """(B, L) 1/0 keep mask -> (B, 1, 1, L) additive mask."""
        mask = mask[:, None, None, :].to(dtype)
        return (1.0 - mask) * torch.finfo(dtype).min

    def forward(self,
                input_ids: Optional[Tensor] = None,
                attention_mask: Optional[Tensor] = None,
                image_embeds: Optional[Tensor] = None,
                mode: str = 'text',
                text_embeds: Optional[Tensor] = None) -> Tensor:
        """Encode text, fuse with image tokens, or both.

        Args:
            input_ids (Tensor): (B, L) token ids (modes text/multimodal).
            attention_mask (Tensor): (B, L) 1 for real tokens, 0 for [PAD].
            image_embeds (Tensor, optional): (B, Li, encoder_width) image
                tokens (modes fusion/multimodal; all attended).
            mode (str): ``'text'``, ``'fusion'`` or ``'multimodal'``.
            text_embeds (Tensor, optional): (B, L, H) text hidden states
                (mode fusion).

        Returns:
            Tensor: (B, L, H) last hidden states of the mode's layers.
        """
        if mode not in ('text', 'fusion', 'multimodal'):
            raise ValueError(f"mode must be 'text', 'fusion' or 'multimodal', got {mode!r}.")
        if attention_mask is None:
            raise ValueError('ALBEFBertEncoder needs the (B, L) attention_mask.')
        if mode == 'fusion':
            if text_embeds is None:
                raise ValueError("mode='fusion' needs text_embeds.")
            x, start = text_embeds, self.fusion_layer
        else:
            x, start = self.embeddings(input_ids=input_ids), 0
        end = self.fusion_layer if mode == 'text' else len(self.encoder.layer)
        mask = self._additive(attention_mask, x.dtype)
        image_mask = None
        if image_embeds is not None:
            image_mask = torch.zeros(image_embeds.shape[0], 1, 1, image_embeds.shape[1],
                                     dtype=x.dtype, device=x.device)
        for layer in self.encoder.layer[start:end]:
            x = layer(x, mask, image_embeds, image_mask)
        return x
