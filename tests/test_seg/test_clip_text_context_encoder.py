# Copyright (c) mmcontrast contributors. All rights reserved.
"""CLIPTextContextEncoder: contexts after SOT, per-image contexts, frozen weights, tokenizer."""
import pytest
import torch
from mmseg.utils import tokenize

import mmcontrast.seg  # noqa: F401
from mmcontrast.seg.models.vision_language import CLIPTextContextEncoder

NAMES = ['sky', 'building', 'potted plant', 'a very long class name with many tokens']


def _enc(**kw):
    torch.manual_seed(0)
    cfg = dict(context_length=13, embed_dim=16, transformer_width=32, transformer_heads=4,
               transformer_layers=2)
    cfg.update(kw)
    return CLIPTextContextEncoder(**cfg).eval()


def naive(enc, ids, ctx):
    """Build each (b, k) sequence by hand and run the same transformer."""
    B, M, _ = ctx.shape
    out = torch.zeros(B, len(ids), enc.embed_dim, dtype=torch.float64)
    for b in range(B):
        for k in range(len(ids)):
            tok = enc.token_embedding(ids[k])  # (L, D)
            seq = torch.cat([tok[:1], ctx[b], tok[1:]])[None]
            y = enc._encode(seq)[0]
            eot = int(ids[k].argmax()) + M
            out[b, k] = (y[eot] @ enc.text_projection).double()
    return out


def test_tokenizer_matches_open_clip_and_truncates():
    open_clip = pytest.importorskip('open_clip')
    torch.testing.assert_close(tokenize(NAMES, context_length=77), open_clip.tokenize(NAMES))
    short = tokenize(NAMES, context_length=5)
    assert (short[:, 0] == 49406).all()
    assert (short.argmax(-1) == short.new_tensor([2, 2, 3, 4])).all()
    assert short[3, -1] == 49407  # truncated: EOT kept last


def test_per_image_contexts_match_naive_loop():
    enc = _enc()
    ids = tokenize(NAMES, context_length=5)
    ctx = torch.randn(3, 8, 32)
    with torch.no_grad():
        got = enc(ids, ctx)
        ref = naive(enc, ids, ctx)
    assert got.shape == (3, 4, 16)
    torch.testing.assert_close(got.double(), ref, atol=1e-5, rtol=0)


def test_equal_contexts_equal_shared_path():
    enc = _enc()
    ids = tokenize(NAMES, context_length=5)
    shared = torch.randn(1, 8, 32)
    with torch.no_grad():
        one = enc(ids, shared)  # (1, K, C)
        many = enc(ids, shared.expand(4, -1, -1))  # (4, K, C)
    for b in range(4):
        torch.testing.assert_close(many[b], one[0], atol=1e-6, rtol=0)


def test_chunking_and_checkpoint_give_same_result_and_grads():
    ids = tokenize(NAMES, context_length=5)
    ctx = torch.randn(2, 8, 32, requires_grad=True)
    full = _enc()
    chunked = _enc(text_chunk_size=3, with_cp=True)
    a = full(ids, ctx)
    ga, = torch.autograd.grad(a.square().sum(), ctx)
    b = chunked(ids, ctx)
    gb, = torch.autograd.grad(b.square().sum(), ctx)
    torch.testing.assert_close(a, b, atol=1e-5, rtol=0)
    torch.testing.assert_close(ga, gb, atol=1e-5, rtol=1e-5)


def test_frozen_weights_but_grads_reach_contexts():
    enc = _enc()
    assert not any(p.requires_grad for p in enc.parameters())
    ctx = torch.nn.Parameter(torch.randn(1, 8, 32))
    enc(tokenize(NAMES, context_length=5), ctx).sum().backward()
    assert ctx.grad is not None and ctx.grad.abs().sum() > 0
    assert all(p.grad is None for p in enc.parameters())


def test_length_mismatch_raises():
    with pytest.raises(ValueError, match='context_length'):
        _enc()(tokenize(NAMES, context_length=5), torch.randn(1, 4, 32))
    with pytest.raises(ValueError):
        _enc(transformer_heads=5)
