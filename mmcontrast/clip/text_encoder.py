# Copyright (c) mmcontrast contributors. All rights reserved.
"""CLIP text encoder with learnable context tokens after SOT (DenseCLIP)."""
from typing import Optional, Sequence, Union

import torch
import torch.nn as nn
from mmengine.model import BaseModule
from mmengine.registry import MODELS
from torch import Tensor
from torch.utils.checkpoint import checkpoint

from .tokenizer import CLIPTokenizer
from .transformer import CLIPTransformer, LayerNormFp32, build_causal_mask


@MODELS.register_module()
class CLIPTextContextEncoder(BaseModule):
    """CLIP text transformer (Radford et al., "Learning Transferable Visual
    Models From Natural Language Supervision", ICML 2021) taking context tokens,
    as in DenseCLIP (Rao et al., CVPR 2022) and ICPC (arXiv 2308.07078).

    The sequence of class ``k`` with contexts ``ctx_b`` is
    ``[SOT, ctx_b1..ctx_bM, name tokens (incl. EOT), pads]`` of length
    ``L + M = context_length``; its feature is the (shifted) EOT token after
    ``ln_final``, projected by ``text_projection``. Parameter names are
    OpenAI's, so converted ``token_embedding``/``transformer``/``ln_final``/
    ``text_projection`` weights load directly; a 77-token positional table is
    truncated to ``context_length`` at load.

    The encoder owns its vocabulary: :meth:`tokenize` turns texts into the ids
    ``forward`` takes (OpenAI's BPE, bundled with open_clip / mmseg). With
    ``cache_embeddings`` it keeps the (1, K, C) embeddings of the last
    (ids, shared contexts) pair while in eval mode without autograd, so slide
    windows and TTA views encode the class names once; any in-place change of
    the ids, the contexts or the weights (optimizer step, ``load_state_dict``)
    or a call to ``train()`` invalidates it. Only shared contexts held in an
    ``nn.Parameter`` (DenseCLIP's learnable prompts) are cached; any other
    context tensor (ICPC's per-image prompts, which are leaf tensors under
    ``no_grad``) is never cached, because a key built from a temporary
    tensor's ``id`` could match a later tensor allocated at the same address.

    Host-neutral (root ``MODELS``): used by mmseg's DenseCLIP/ICPC and meant
    for mmpretrain's CLIP4Cir. mmseg's ``CLIPTextEncoder`` (SAN) is not used:
    it has no context tokens and other parameter names.

    Args:
        context_length (int): ``L + M`` (5 name tokens + 8 contexts = 13 in
            DenseCLIP; 77 with M=0 is plain CLIP). Defaults to 13.
        vocab_size (int): BPE vocabulary. Defaults to 49408.
        transformer_width (int): Token dim D. Defaults to 512.
        transformer_heads (int): Heads. Defaults to 8.
        transformer_layers (int): Blocks. Defaults to 12.
        embed_dim (int): Output dim C (1024 RN50, 512 RN101/ViT-B). Defaults to 1024.
        frozen (bool): ``requires_grad=False`` on every parameter (gradients
            still flow to the contexts); pair it with ``lr_mult=0`` for
            ``text_encoder`` in the optimizer. Defaults to True.
        text_chunk_size (int, optional): Run at most this many sequences at a
            time (ICPC runs B*K of them). Defaults to None (all at once).
        with_cp (bool): Activation checkpointing per chunk. Defaults to False.
        bpe_path (str, optional): BPE vocabulary of :meth:`tokenize`; None uses
            the one bundled with open_clip (or mmseg). Defaults to None.
        cache_embeddings (bool): Cache class embeddings at inference (see
            above). Defaults to True.
        init_cfg (dict, optional): Pretrained init on a converted checkpoint.
    """

    def __init__(self,
                 context_length: int = 13,
                 vocab_size: int = 49408,
                 transformer_width: int = 512,
                 transformer_heads: int = 8,
                 transformer_layers: int = 12,
                 embed_dim: int = 1024,
                 frozen: bool = True,
                 text_chunk_size: Optional[int] = None,
                 with_cp: bool = False,
                 bpe_path: Optional[str] = None,
                 cache_embeddings: bool = True,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        if transformer_width % transformer_heads != 0:
            raise ValueError(f'transformer_heads={transformer_heads} must divide '
                             f'transformer_width={transformer_width}.')
        if text_chunk_size is not None and text_chunk_size < 1:
            raise ValueError(f'text_chunk_size must be >= 1 or None, got {text_chunk_size}.')
        self.context_length = context_length
        self.width = transformer_width
        self.embed_dim = embed_dim
        self.frozen = frozen
        self.text_chunk_size = text_chunk_size
        self.with_cp = with_cp
        self.tokenizer = CLIPTokenizer(bpe_path)
        self.cache_embeddings = cache_embeddings
        self._cache = None  # (key, (1, K, C) embeddings, (K, L) ids)
        self.token_embedding = nn.Embedding(vocab_size, transformer_width)
        self.positional_embedding = nn.Parameter(torch.empty(context_length, transformer_width))
        self.transformer = CLIPTransformer(transformer_width, transformer_layers, transformer_heads)
        self.ln_final = LayerNormFp32(transformer_width)
        self.text_projection = nn.Parameter(torch.empty(transformer_width, embed_dim))
        self.register_buffer('attn_mask', build_causal_mask(context_length), persistent=False)
        self._clip_init(transformer_layers)
        if frozen:
            for p in self.parameters():
                p.requires_grad_(False)

    def _clip_init(self, layers: int) -> None:
        """OpenAI CLIP's initialisation (used when no checkpoint is loaded)."""
        w = self.width
        nn.init.normal_(self.token_embedding.weight, std=0.02)
        nn.init.normal_(self.positional_embedding, std=0.01)
        proj_std = (w ** -0.5) * ((2 * layers) ** -0.5)
        attn_std, fc_std = w ** -0.5, (2 * w) ** -0.5
        for blk in self.transformer.resblocks:
            nn.init.normal_(blk.attn.in_proj_weight, std=attn_std)
            nn.init.normal_(blk.attn.out_proj.weight, std=proj_std)
            nn.init.normal_(blk.mlp.c_fc.weight, std=fc_std)
            nn.init.normal_(blk.mlp.c_proj.weight, std=proj_std)
        nn.init.normal_(self.text_projection, std=w ** -0.5)

    def _load_from_state_dict(self, state_dict, prefix, *args, **kwargs):
        """Truncate a longer positional table (CLIP's 77 tokens) to ours."""
        self._cache = None
        key = prefix + 'positional_embedding'
        if key in state_dict and state_dict[key].shape[0] > self.context_length:
            state_dict[key] = state_dict[key][:self.context_length]
        super()._load_from_state_dict(state_dict, prefix, *args, **kwargs)

    def train(self, mode: bool = True) -> 'CLIPTextContextEncoder':
        """Set the mode; drops the inference cache."""
        self._cache = None
        return super().train(mode)

    def tokenize(self, texts: Union[str, Sequence[str]],
                 context_length: Optional[int] = None) -> Tensor:
        """Texts -> (N, context_length) token ids for :meth:`forward`.

        Args:
            texts (str | list[str]): e.g. class names.
            context_length (int, optional): Tokens per text incl. SOT/EOT
                (DenseCLIP: 5; longer texts are truncated, EOT kept). Defaults
                to ``self.context_length`` (no context tokens).

        Returns:
            Tensor: (N, context_length) int64 ids.
        """
        return self.tokenizer(texts, context_length or self.context_length)

    def _cache_key(self, ids: Tensor, contexts: Optional[Tensor]) -> Optional[tuple]:
        """Key of a cacheable call, or None (training, autograd, per-image prompts)."""
        if not self.cache_embeddings or self.training or torch.is_grad_enabled():
            return None
        if contexts is not None and not (isinstance(contexts, nn.Parameter)
                                         and contexts.shape[0] == 1):
            return None
        weights = tuple(p._version for p in (self.token_embedding.weight,
                                              self.positional_embedding, self.text_projection))
        ctx = None if contexts is None else (id(contexts), contexts._version, contexts.dtype,
                                             contexts.device)
        # ids are compared by value in forward(): a temporary ids tensor may reuse an id()
        return (tuple(ids.shape), ids.device, ctx, weights)

    def _encode(self, x: Tensor) -> Tensor:
        """(N, T, D) token embeddings -> (N, T, D) after the transformer and ln_final."""
        return self.ln_final(self.transformer(x + self.positional_embedding.to(x.dtype),
                                              self.attn_mask))

    def forward(self, ids: Tensor, contexts: Optional[Tensor] = None) -> Tensor:
        """Encode every class name with every set of contexts.

        Args:
            ids (Tensor): (K, L) token ids from :meth:`tokenize` (SOT first,
                EOT = argmax).
            contexts (Tensor, optional): (B', M, D) context embeddings; B' = 1
                for DenseCLIP's shared contexts, B for per-image contexts.

        Returns:
            Tensor: (B', K, C) text embeddings (not normalised).
        """
        key = self._cache_key(ids, contexts)
        if (key is not None and self._cache is not None and self._cache[0] == key
                and torch.equal(self._cache[2], ids)):
            return self._cache[1]
        out = self._forward(ids, contexts)
        if key is not None:
            self._cache = (key, out, ids.clone())
        return out

    def _forward(self, ids: Tensor, contexts: Optional[Tensor]) -> Tensor:
        """Uncached :meth:`forward`."""
        K, L = ids.shape
        M = 0 if contexts is None else contexts.shape[1]
        if L + M != self.context_length:
            raise ValueError(f'name tokens ({L}) + contexts ({M}) must equal context_length='
                             f'{self.context_length}; set the segmentor\'s context_length / '
                             f'num_contexts accordingly.')
        tok = self.token_embedding(ids)  # (K, L, D)
        if M == 0:
            x = tok[None]  # (1, K, L, D)
        else:
            Bp = contexts.shape[0]
            tok = tok.to(contexts.dtype)
            x = torch.cat([
                tok[None, :, :1].expand(Bp, K, 1, self.width),
                contexts[:, None].expand(Bp, K, M, self.width),
                tok[None, :, 1:].expand(Bp, K, L - 1, self.width)], dim=2)  # (B', K, T, D)
        Bp = x.shape[0]
        x = x.reshape(Bp * K, self.context_length, self.width)
        eot = (ids.argmax(dim=-1) + M).repeat(Bp)  # (B'K,)
        chunk = self.text_chunk_size or len(x)
        feats = []
        for s in range(0, len(x), chunk):
            xc = x[s:s + chunk]
            if self.with_cp and xc.requires_grad:
                yc = checkpoint(self._encode, xc, use_reentrant=False)
            else:
                yc = self._encode(xc)
            feats.append(yc[torch.arange(len(yc), device=yc.device), eot[s:s + chunk]])
        out = torch.cat(feats) @ self.text_projection.to(x.dtype)  # (B'K, C)
        return out.reshape(Bp, K, self.embed_dim)
