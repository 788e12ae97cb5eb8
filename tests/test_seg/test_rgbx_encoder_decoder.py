# Copyright (c) mmcontrast contributors. All rights reserved.
"""RGBXEncoderDecoder: contrastive terms in training, parent inference path."""
import pytest
import torch
from mmengine.config import ConfigDict
from mmengine.structures import PixelData
from mmseg.structures import SegDataSample

import mmcontrast.seg  # noqa: F401
from mmengine.registry import init_default_scope
from mmseg.registry import MODELS


def _cfg(contrast=True):
    cfg = dict(
        type='RGBXEncoderDecoder',
        data_preprocessor=dict(type='SegDataPreProcessor', mean=[123.675, 116.28, 103.53] * 2,
                               std=[58.395, 57.12, 57.375] * 2, bgr_to_rgb=False, pad_val=0,
                               seg_pad_val=255, size=(64, 96)),
        backbone=dict(type='DualMSCAN', embed_dims=[16, 32, 64, 128], mlp_ratios=[4, 4, 4, 4],
                      depths=[1, 1, 1, 1], proj_channels=32, with_projectors=contrast),
        decode_head=dict(type='LightHamHead', in_channels=[32, 64, 128], in_index=[1, 2, 3],
                         channels=64, ham_channels=64, num_classes=5, norm_cfg=None,
                         align_corners=False,
                         ham_kwargs=dict(MD_S=1, MD_R=8, train_steps=6, eval_steps=7, inv_t=100,
                                         rand_init=True),
                         loss_decode=dict(type='CrossEntropyLoss', loss_weight=1.0)),
        feature_losses=dict(contrast=dict(type='SMMCLLoss', features=('emb_rgb', 'emb_x'),
                                          min_views=1) if contrast else None),
        train_cfg=dict(),
        test_cfg=dict(mode='slide', crop_size=(64, 96), stride=(43, 64)))
    return ConfigDict(cfg)  # as built from a config file (attribute access)


def _batch(h=64, w=96, n=2):
    g = torch.Generator().manual_seed(0)
    samples = []
    for _ in range(n):
        s = SegDataSample()
        s.gt_sem_seg = PixelData(data=torch.randint(0, 5, (1, h, w), generator=g))
        s.set_metainfo(dict(img_shape=(h, w), ori_shape=(h, w), pad_shape=(h, w)))
        samples.append(s)
    inputs = [torch.randint(0, 255, (6, h, w), generator=g).float() for _ in range(n)]
    return dict(inputs=inputs, data_samples=samples)


def test_training_losses_with_and_without_contrast():
    init_default_scope('mmseg')
    torch.manual_seed(0)
    model = MODELS.build(_cfg())
    model.init_weights()
    data = model.data_preprocessor(_batch(), training=True)
    losses = model(**data, mode='loss')
    assert {'decode.loss_ce', 'contrast.loss_cm', 'contrast.loss_vis',
            'contrast.loss_aux'} <= set(losses)
    assert all(torch.isfinite(v).all() for k, v in losses.items() if 'loss' in k)
    total = sum(v for k, v in losses.items() if 'loss' in k)
    total.backward()
    assert model.backbone.projector_rgb[0].weight.grad.abs().sum() > 0
    assert model.backbone.projector_x[0].weight.grad.abs().sum() > 0

    base = MODELS.build(_cfg(contrast=False))
    base.init_weights()
    losses = base(**base.data_preprocessor(_batch(), training=True), mode='loss')
    assert not any(k.startswith('contrast') for k in losses)
    assert not hasattr(base.backbone, 'projector_rgb')


def test_contrast_needs_projectors():
    init_default_scope('mmseg')
    cfg = _cfg()
    cfg['backbone']['with_projectors'] = False
    with pytest.raises(ValueError, match='with_projectors'):
        MODELS.build(cfg)


def test_predict_uses_fused_features_only():
    init_default_scope('mmseg')
    model = MODELS.build(_cfg())
    model.init_weights()
    model.eval()
    data = model.data_preprocessor(_batch(96, 128, n=1), training=False)
    with torch.no_grad():
        out = model(**data, mode='predict')
    assert out[0].pred_sem_seg.data.shape == (1, 96, 128)
    assert out[0].seg_logits.data.shape == (5, 96, 128)


def test_mmseg_inference_api_on_rgbx_array(repo_root):
    """``mmseg.apis.init_model`` / ``inference_model`` take a (H, W, 6) array."""
    import os.path as osp

    import numpy as np
    from mmseg.apis import inference_model, init_model
    cfg = osp.join(repo_root,
                   'configs/smmcl/smmcl_dual-mscan-tiny-lightham_1xb2-20iter_mini-llrgbd-64x96.py')
    model = init_model(cfg, checkpoint=None, device='cpu')
    img = np.random.default_rng(0).integers(0, 255, (96, 128, 6), dtype=np.uint8)
    out = inference_model(model, img)
    assert out.pred_sem_seg.data.shape == (1, 96, 128)
    assert int(out.pred_sem_seg.data.max()) < 5
