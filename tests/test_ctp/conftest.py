# Copyright (c) mmcontrast contributors. All rights reserved.
"""Fixtures of the CTP tests: a small mini-P9D set and a tiny model config."""
import pytest


@pytest.fixture(scope='session')
def p9d_root(tmp_path_factory) -> str:
    """A small mini-P9D set (24 train / 8 test / 4 query / 8 gallery per industry)."""
    from mmcontrast.mini_datasets.p9d import make_p9d_style
    root = str(tmp_path_factory.mktemp('p9d'))
    make_p9d_style(root, seed=0, n_train=24, n_test=8, n_query=4, n_gallery=8)
    return root


def tiny_model_cfg(distill: bool = True, topology: bool = True, queue_size: int = 16,
                   dropout: float = 0.1) -> dict:
    """A tiny CTPRetriever config (vocab of the mini set: 25 tokens)."""
    cfg = dict(
        type='CTPRetriever',
        vision_encoder=dict(type='VisionTransformer',
                            arch=dict(embed_dims=32, num_layers=1, num_heads=2,
                                      feedforward_channels=64),
                            img_size=32, patch_size=8, out_type='raw', final_norm=True),
        text_encoder=dict(type='ALBEFBertEncoder', vocab_size=25, hidden_size=32, num_layers=2,
                          fusion_layer=1, num_heads=2, intermediate_size=64, encoder_width=32,
                          max_position_embeddings=32, dropout=dropout),
        mlm_head=dict(type='ALBEFMLMHead', hidden_size=32, vocab_size=25),
        head=dict(type='CTPITCHead', temperature=0.07, use_queue=distill),
        topology=dict(type='TopologyPreservationLoss') if topology else None,
        vision_width=32, text_width=32, embed_dim=16, queue_size=queue_size, distill=distill,
        data_preprocessor=dict(type='mmpretrain.ClsDataPreprocessor',
                               mean=[122.771, 116.746, 104.094],
                               std=[68.501, 66.632, 70.323], to_rgb=True))
    return cfg


@pytest.fixture(scope='session')
def ctp_model():
    """A builder of tiny CTPRetriever models: ``ctp_model(**tiny_model_cfg kwargs)``."""

    def build(**kw):
        import torch
        from mmengine.registry import init_default_scope
        import mmcontrast.pretrain  # noqa: F401
        init_default_scope('mmpretrain')
        from mmpretrain.registry import MODELS
        torch.manual_seed(0)
        return MODELS.build(tiny_model_cfg(**kw))

    return build
