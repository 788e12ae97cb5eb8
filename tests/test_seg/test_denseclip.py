# Copyright (c) mmcontrast contributors. All rights reserved.
"""DenseCLIP / ICPC segmentors: ICPC == DenseCLIP at step 0, per-image prompts, frozen text
encoder, class-name sources, losses."""
import os.path as osp

import pytest
import torch
from mmengine.config import Config
from mmengine.registry import DefaultScope
from mmengine.structures import PixelData
from mmseg.registry import MODELS
from mmseg.structures import SegDataSample

import mmcontrast.seg  # noqa: F401

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
TINY = osp.join(REPO, 'configs/icpc/denseclip_clip-tiny-fpn_1xb4-300iter_mini-ade-64x64.py')
TINY_ICPC = osp.join(REPO, 'configs/icpc/icpc_clip-tiny-fpn_1xb4-300iter_mini-ade-64x64.py')


@pytest.fixture(autouse=True)
def mmseg_scope():
    with DefaultScope.overwrite_default_scope('mmseg'):
        yield


def _build(path=TINY, seed=0, **model_overrides):
    cfg = Config.fromfile(path).model
    cfg.update(model_overrides)
    torch.manual_seed(seed)
    m = MODELS.build(cfg)
    m.init_weights()
    return m


def _batch(B=2, K=4, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = torch.rand(B, 3, 64, 64, generator=g) * 255
    samples = []
    for _ in range(B):
        d = SegDataSample()
        d.gt_sem_seg = PixelData(data=torch.randint(0, K, (1, 64, 64), generator=g))
        d.set_metainfo(dict(img_shape=(64, 64), ori_shape=(64, 64), pad_shape=(64, 64)))
        samples.append(d)
    return x, samples


def _logits(m, x, samples):
    m.eval()
    with torch.no_grad():
        return m.encode_decode(x, [s.metainfo for s in samples])


def test_icpc_with_zero_init_generator_equals_denseclip():
    dense = _build()
    icpc = _build(TINY_ICPC, aligner=None, feature_losses=dict(agc=None),
                  neck=Config.fromfile(TINY).model.neck)
    missing, unexpected = icpc.load_state_dict(dense.state_dict(), strict=False)
    assert unexpected == [] and all(k.startswith('prompt_generator.') for k in missing)
    x, samples = _batch()
    torch.testing.assert_close(_logits(icpc, x, samples), _logits(dense, x, samples),
                               atol=1e-5, rtol=0)


def test_prompts_become_image_specific_and_text_encoder_stays_frozen():
    m = _build(TINY_ICPC)
    te_before = {k: v.clone() for k, v in m.text_encoder.state_dict().items()}
    ctx_before = m.contexts.detach().clone()
    opt = torch.optim.AdamW([p for p in m.parameters() if p.requires_grad], lr=1e-2,
                            weight_decay=1e-2)
    x, samples = _batch()
    x[1] = 255 - x[1]  # two clearly different images
    for step in range(5):
        m.train()
        losses = m.loss(m.data_preprocessor(dict(inputs=list(x), data_samples=samples),
                                            True)['inputs'], samples)
        assert all(torch.isfinite(v) for k, v in losses.items() if 'loss' in k)
        assert 'loss_agc' in losses and 'aux_identity.loss_ce' in losses
        total = sum(v for k, v in losses.items() if 'loss' in k)
        opt.zero_grad()
        total.backward()
        if step == 0:
            assert m.prompt_generator.meta_net[-1].weight.grad.abs().sum() > 0
            assert m.contexts.grad.abs().sum() > 0
            assert all(p.grad is None for p in m.text_encoder.parameters())
        opt.step()
    for k, v in m.text_encoder.state_dict().items():
        assert torch.equal(v, te_before[k]), k
    assert not torch.equal(m.contexts.detach(), ctx_before)
    m.eval()
    with torch.no_grad():
        feats = m.backbone(m.data_preprocessor(dict(inputs=list(x), data_samples=samples),
                                               False)['inputs'])
        text = m.text_embeddings(*feats[-1])
    assert not torch.allclose(text[0], text[1], atol=1e-4)


def test_score_maps_and_feature_channels():
    m = _build(TINY_ICPC).eval()
    x, _ = _batch()
    with torch.no_grad():
        feats, maps = m.extract_feat_and_scores(x)
    assert [tuple(s.shape) for s in maps] == [(2, 4, 8, 8), (2, 4, 4, 4), (2, 4, 2, 2)]
    assert all(s.abs().max() <= 1 + 1e-5 for s in maps)
    assert len(feats) == 4


def test_class_names_from_dataset_and_lazy_file(tmp_path):
    from mmseg.datasets import ADE20KDataset
    m = _build(class_names=dict(dataset='ADE20KDataset'),
               decode_head=dict(num_classes=150), identity_head=dict(num_classes=150),
               neck=dict(in_channels=[32, 64, 128, 256 + 150]))
    from mmseg.utils import tokenize
    torch.testing.assert_close(m.name_token_ids,
                               tokenize(list(ADE20KDataset.METAINFO['classes']), 5))
    names = tmp_path / 'names.txt'
    lazy = _build(class_names=dict(file=str(names)))  # builds without the file
    x, samples = _batch()
    with pytest.raises(FileNotFoundError, match='ade20k_full.py'):
        _logits(lazy, x, samples)
    names.write_text('sky\nbuilding, edifice\ntree\nflower\n')
    out = _logits(lazy, x, samples)
    assert out.shape == (2, 4, 64, 64)
    torch.testing.assert_close(lazy.name_token_ids[1], tokenize(['building'], 5)[0])
    names.unlink()  # a checkpoint carries the token ids: no file needed any more
    fresh = _build(class_names=dict(file=str(names)))
    fresh.load_state_dict(lazy.state_dict())
    torch.testing.assert_close(_logits(fresh, x, samples), out)


@pytest.mark.parametrize('override', [
    dict(class_names=['a', 'b']),
    dict(num_contexts=4),
    dict(tau=0.0),
    dict(aligner=dict(type='MultiScaleAligner', stages=(1, 3))),
])
def test_bad_config(override):
    with pytest.raises(ValueError):
        _build(**override)
