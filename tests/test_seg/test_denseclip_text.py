# Copyright (c) mmcontrast contributors. All rights reserved.
"""DenseCLIP's text side: class names tokenised by the text encoder, class embeddings
cached at inference (encoded once for all slide windows), neck channels derived."""
import os.path as osp

import pytest
import torch
from mmengine.config import Config
from mmengine.registry import DefaultScope
from mmseg.registry import MODELS

import mmcontrast.seg  # noqa: F401

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
TINY = osp.join(REPO, 'configs/icpc/denseclip_clip-tiny-fpn_1xb4-300iter_mini-ade-64x64.py')
TINY_ICPC = osp.join(REPO, 'configs/icpc/icpc_clip-tiny-fpn_1xb4-300iter_mini-ade-64x64.py')


@pytest.fixture(autouse=True)
def mmseg_scope():
    with DefaultScope.overwrite_default_scope('mmseg'):
        yield


def _build(path=TINY, **overrides):
    cfg = Config.fromfile(path)
    cfg.merge_from_dict({f'model.{k}': v for k, v in overrides.items()})
    cfg = cfg.model
    torch.manual_seed(0)
    m = MODELS.build(cfg)
    m.init_weights()
    return m


def _count_text_runs(model):
    calls = []
    model.text_encoder.transformer.register_forward_hook(lambda *a: calls.append(1))
    return calls


def test_names_are_tokenised_by_the_text_encoder():
    m = _build()
    want = m.text_encoder.tokenize(['sky', 'building', 'tree', 'flower'], 5)
    assert torch.equal(m.name_token_ids, want)
    assert want.shape == (4, 5) and bool((want.argmax(-1) > 1).all())


def test_slide_inference_encodes_class_names_once():
    m = _build(test_cfg=dict(mode='slide', crop_size=(32, 32), stride=(16, 16))).eval()
    calls = _count_text_runs(m)
    x = torch.rand(2, 3, 64, 64) * 255
    metas = [dict(img_shape=(64, 64), ori_shape=(64, 64), pad_shape=(64, 64))] * 2
    with torch.no_grad():
        out = m.inference(x, metas)  # 9 windows per image
        assert len(calls) == 1
        m.inference(x, metas)
        assert len(calls) == 1  # still cached
        with torch.no_grad():
            m.contexts.add_(0.1)  # weights changed in place: the cache is stale
        m.inference(x, metas)
        assert len(calls) == 2
    m.train()
    m.eval()
    with torch.no_grad():
        again = m.inference(x, metas)
    assert len(calls) == 3  # train() dropped the cache
    assert out.shape == again.shape == (2, 4, 64, 64)
    # the cached path computes exactly what the uncached one does
    m.text_encoder.cache_embeddings = False
    with torch.no_grad():
        torch.testing.assert_close(m.inference(x, metas), again, atol=0, rtol=0)


def test_per_image_prompts_are_not_cached():
    m = _build(TINY_ICPC, test_cfg=dict(mode='slide', crop_size=(32, 32),
                                        stride=(32, 32))).eval()
    calls = _count_text_runs(m)
    x = torch.rand(1, 3, 64, 64) * 255
    with torch.no_grad():
        m.inference(x, [dict(img_shape=(64, 64), ori_shape=(64, 64), pad_shape=(64, 64))])
    assert len(calls) == 4  # one per window: ICPC's prompts depend on the window


def test_neck_channels_are_derived():
    dense = _build()
    assert dense.neck.lateral_convs[3].conv.in_channels == 256 + 4
    icpc = _build(TINY_ICPC)
    assert [c.conv.in_channels for c in icpc.neck.lateral_convs] == [32, 64 + 4, 128 + 4, 256 + 4]
    with pytest.raises(ValueError, match='it is derived'):
        _build(**{'neck.in_channels': [32, 64, 128, 256]})
