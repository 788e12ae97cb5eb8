# Copyright (c) mmcontrast contributors. All rights reserved.
"""Tiny CLIP4Cir models for tests."""
from mmengine.registry import init_default_scope

import mmcontrast.pretrain  # noqa: F401


def tiny_clip_cfg(embed_dim: int = 32, size: int = 32) -> dict:
    return dict(
        type='OpenAICLIPEncoder',
        backbone=dict(type='CLIPResNetWithAttention', layers=(1, 1, 1, 1), width=8,
                      output_dim=embed_dim, input_resolution=size),
        text_encoder=dict(type='CLIPTextContextEncoder', context_length=16,
                          transformer_width=32, transformer_heads=4, transformer_layers=1,
                          embed_dim=embed_dim))


def tiny_retriever(**kwargs):
    init_default_scope('mmpretrain')
    from mmpretrain.registry import MODELS
    cfg = dict(type='ComposedImageRetriever', clip=tiny_clip_cfg())
    cfg.update(kwargs)
    return MODELS.build(cfg)
