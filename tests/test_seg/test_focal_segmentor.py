# Copyright (c) mmcontrast contributors. All rights reserved.
import copy
import importlib.util
import os.path as osp

import pytest
import torch
from mmengine.registry import init_default_scope
from mmengine.structures import PixelData

import mmcontrast.seg  # noqa: F401
from mmseg.registry import MODELS
from mmseg.structures import SegDataSample

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))

HRNET_TINY = dict(
    type='HRNet', norm_cfg=dict(type='BN', requires_grad=True), norm_eval=False,
    multiscale_output=False,
    extra=dict(
        stage1=dict(num_modules=1, num_branches=1, block='BOTTLENECK', num_blocks=(1, ),
                    num_channels=(8, )),
        stage2=dict(num_modules=1, num_branches=2, block='BASIC', num_blocks=(1, 1),
                    num_channels=(8, 16)),
        stage3=dict(num_modules=1, num_branches=3, block='BASIC', num_blocks=(1, 1, 1),
                    num_channels=(8, 16, 32)),
        stage4=dict(num_modules=1, num_branches=4, block='BASIC', num_blocks=(1, 1, 1, 1),
                    num_channels=(8, 16, 32, 64))))
VIT_TINY = dict(
    type='mmpretrain.ViTSAM',
    arch=dict(embed_dims=64, num_layers=2, num_heads=2, feedforward_channels=256,
              global_attn_indexes=[1]),
    img_size=128, patch_size=16, out_channels=24, out_type='featmap', use_abs_pos=True,
    use_rel_pos=True, window_size=4)
PRE = dict(type='SegDataPreProcessor', mean=[0.0] * 3, std=[255.0] * 3, bgr_to_rgb=True,
           size=(128, 128))


@pytest.fixture(autouse=True)
def mmseg_scope():
    init_default_scope('mmseg')


def build(extractors, clusterer=None, loss=None):
    return MODELS.build(dict(
        type='FOCAL', data_preprocessor=PRE, extractors=copy.deepcopy(extractors),
        feature_losses=dict(contrast=dict(loss or dict(type='FOCALContrastLoss'),
                                          features='dense')),
        clusterer=clusterer or dict(type='KMeans2Clusterer')))


def samples(B, gt_hw, ori=(100, 140), forged=True):
    out = []
    for b in range(B):
        gt = torch.zeros(1, *gt_hw, dtype=torch.long)
        if forged:
            gt[:, : gt_hw[0] // 2, : gt_hw[1] // 3] = 1
        out.append(SegDataSample(gt_sem_seg=PixelData(data=gt),
                                 metainfo=dict(img_shape=(128, 128), ori_shape=ori)))
    return out


def test_hrnet_highest_branch_shape_and_w32():
    model = build([HRNET_TINY])
    assert model._features(0, torch.rand(2, 3, 64, 96)).shape == (2, 8, 16, 24)
    from mmengine.config import Config
    w32 = Config.fromfile(osp.join(
        REPO, 'configs/focal/focal-v1-kmeans_hrnet-w32_4xb1-190k_tampcoco-1024x1024.py')).hrnet_w32
    net = MODELS.build(w32)
    net.eval()  # mmseg's HRNet.train() returns None
    with torch.no_grad():
        out = net(torch.rand(1, 3, 64, 64))
    assert len(out) == 1 and out[0].shape == (1, 32, 16, 16)


def test_loss_backward_and_authentic_batch():
    model = build([HRNET_TINY])
    x = torch.rand(2, 3, 128, 128)
    losses = model.loss(x, samples(2, (32, 32)))
    assert set(losses) == {'loss_focal'} and torch.isfinite(losses['loss_focal'])
    assert losses['loss_focal'] > 0
    losses['loss_focal'].backward()
    assert any(p.grad is not None and p.grad.abs().sum() > 0 for p in model.parameters())
    model.zero_grad()
    zero = model.loss(x, samples(2, (128, 128), forged=False))['loss_focal']  # any GT size
    assert zero.item() == 0
    zero.backward()


def test_predict_original_resolution_grid_and_eval_mode():
    model = build([HRNET_TINY])
    model.train()
    out = model.predict(torch.rand(2, 3, 128, 128), samples(2, (32, 32), ori=(100, 140)))
    assert not model.extractors[0].training
    for ds in out:
        assert ds.pred_sem_seg.data.shape == (1, 100, 140)
        assert ds.pred_grid_seg.data.shape == (1, 32, 32)
        assert set(ds.pred_sem_seg.data.unique().tolist()) <= {0, 1}
        assert ds.pred_sem_seg.data.float().mean() <= 0.5  # the largest cluster is pristine
        assert 0 <= float(ds.pred_forgery_score) <= 2
    assert model.encode_decode(torch.rand(1, 3, 128, 128), [{}]).shape == (1, 2, 128, 128)


def test_predict_with_hdbscan_and_soft_loss():
    model = build([HRNET_TINY], clusterer=dict(type='HDBSCANClusterer', min_cluster_size=50),
                  loss=dict(type='FOCALSoftContrastLoss'))
    assert 'loss_focal_soft' in model.loss(torch.rand(2, 3, 128, 128), samples(2, (32, 32)))
    out = model.predict(torch.rand(1, 3, 128, 128), samples(1, (32, 32)))
    assert out[0].pred_sem_seg.data.shape == (1, 100, 140)


def test_fusion_of_two_extractors():
    model = build([VIT_TINY, HRNET_TINY])
    assert all(not p.requires_grad for p in model.extractors[1].parameters())
    assert all(p.requires_grad for p in model.extractors[0].parameters())
    model.eval()
    x = torch.rand(2, 3, 128, 128)
    with torch.no_grad():
        fused = model.extract_feat(x)
        hr = torch.nn.functional.normalize(model._features(1, x), dim=1)
    assert fused.shape == (2, 24 + 8, 8, 8)
    assert torch.allclose(fused[:, :24].norm(dim=1), torch.ones(2, 8, 8), atol=1e-5)
    assert torch.allclose(fused[:, 24:].norm(dim=1), torch.ones(2, 8, 8), atol=1e-5)
    assert torch.allclose(fused[:, 24:], hr[:, :, ::4, ::4])  # nearest 32x32 -> 8x8
    out = model.predict(x, samples(2, (8, 8)))
    assert out[0].pred_grid_seg.data.shape == (1, 8, 8)


def test_fuse_checkpoints_converter():
    spec = importlib.util.spec_from_file_location(
        'fuse', osp.join(REPO, 'tools/model_converters/focal_fuse_checkpoints.py'))
    fuse = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuse)
    vit, hr = build([VIT_TINY]), build([HRNET_TINY])
    fused = fuse.fuse_state_dicts([vit.state_dict(), hr.state_dict()])
    model = build([VIT_TINY, HRNET_TINY])
    missing, unexpected = model.load_state_dict(fused, strict=False)
    assert not missing and not unexpected
    with pytest.raises(ValueError, match='extractors.0'):
        fuse.fuse_state_dicts([{'backbone.w': torch.zeros(1)}])


def test_fusion_size_option():
    model = MODELS.build(dict(
        type='FOCAL', data_preprocessor=PRE, extractors=[VIT_TINY, HRNET_TINY],
        feature_losses=dict(contrast=dict(type='FOCALContrastLoss', features='dense')),
        clusterer=dict(type='KMeans2Clusterer'),
        fusion_size=(16, 16)))
    model.eval()
    with torch.no_grad():
        assert model.extract_feat(torch.rand(1, 3, 128, 128)).shape == (1, 32, 16, 16)


@pytest.mark.skipif(not torch.cuda.is_available(), reason='SAM ViT-L at 1024 needs a GPU')
def test_vit_sam_large_1024_shape():
    cfg = dict(VIT_TINY, arch='large', img_size=1024, patch_size=16, out_channels=256,
               window_size=14)
    net = MODELS.build(cfg).cuda().eval()
    with torch.no_grad(), torch.autocast('cuda', dtype=torch.bfloat16):
        out = net(torch.rand(1, 3, 1024, 1024, device='cuda'))
    assert out[-1].shape == (1, 256, 64, 64)


def test_validation():
    with pytest.raises(ValueError, match='extractors'):
        build([])
    with pytest.raises(ValueError, match='fusion_size'):
        MODELS.build(dict(type='FOCAL', extractors=[HRNET_TINY], fusion_size=(0, 4),
                          feature_losses=dict(contrast=dict(type='FOCALContrastLoss',
                                                            features='dense')),
                          clusterer=dict(type='KMeans2Clusterer')))
