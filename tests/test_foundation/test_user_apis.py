# Copyright (c) mmcontrast contributors. All rights reserved.
"""The host libraries' inference APIs load and run every method's tiny config."""
import glob
import os.path as osp

import pytest
import torch

TINY = {
    'icpc': 'configs/icpc/icpc_*tiny*mini-ade*.py',
    'smmcl': 'configs/smmcl/smmcl_*tiny*llrgbd*64x96.py',
    'focal': 'configs/focal/focal-v1-kmeans_hrnet-tiny_*forgery*.py',
    'lanes': 'configs/clld/fpn_r18_1xb4-150iter_*culane*.py',
    'cone': 'configs/cone/cone_resnet18-cifar_1xb32-10e_*digits.py',
    'clld': 'configs/clld/clld_resnet18_1xb4-100iter_*photos-112.py',
}
# method -> glob (under the mini root) of an input image
IMAGES = {
    'icpc': 'ade/**/validation/*.jpg',
    'focal': 'forgery/val/images/*',
    'lanes': 'culane/**/*.jpg',
    'cone': 'digits/val/**/*.JPEG',
    'clld': 'photos/val/**/*.JPEG',
}


def _one(pattern: str) -> str:
    found = sorted(glob.glob(pattern, recursive=True))
    assert found, f'nothing matches {pattern}'
    return found[0]


def _cfg(repo_root, method):
    return _one(osp.join(repo_root, TINY[method]))


@pytest.mark.parametrize('method', ['icpc', 'focal', 'lanes'])
def test_mmseg_init_model_inference_model_and_inferencer(method, repo_root, mini_data_root,
                                                          tmp_path):
    import mmcontrast.seg  # noqa: F401
    from mmseg.apis import MMSegInferencer, inference_model, init_model
    cfg = _cfg(repo_root, method)
    img = _one(osp.join(mini_data_root, IMAGES[method]))
    model = init_model(cfg, device='cpu')
    # a checkpoint with dataset_meta, as tools/train.py writes it
    ckpt = str(tmp_path / 'model.pth')
    n = 2 if method == 'focal' else (4 if method == 'icpc' else 5)
    meta = dict(dataset_meta=dict(classes=tuple('abcde'[:n]),
                                  palette=[[40 * i, 255 - 40 * i, 0] for i in range(n)]))
    torch.save(dict(state_dict=model.state_dict(), meta=meta), ckpt)
    model = init_model(cfg, ckpt, device='cpu')
    result = inference_model(model, img)
    import mmcv
    h, w = mmcv.imread(img).shape[:2]
    assert tuple(result.pred_sem_seg.shape) == (h, w)
    inferencer = MMSegInferencer(model=cfg, weights=ckpt, device='cpu')
    out = inferencer(img, return_datasamples=True)
    assert tuple(out.pred_sem_seg.shape) == (h, w)
    if method == 'icpc':  # same pipeline on both paths (lanes: see the user report)
        assert torch.equal(out.pred_sem_seg.data, result.pred_sem_seg.data)
    vis = inferencer(img, out_dir=str(tmp_path / 'out'))
    assert vis['predictions'].shape == (h, w)
    assert glob.glob(str(tmp_path / 'out' / 'vis' / '*'))


def test_smmcl_init_model_and_rgbx_inferencer(repo_root, mini_data_root):
    import mmcontrast.seg  # noqa: F401
    from mmseg.apis import init_model

    from mmcontrast.seg.apis.rgbx_inferencer import RGBXInferencer
    cfg = _cfg(repo_root, 'smmcl')
    rgb = _one(osp.join(mini_data_root, 'llrgbd', '**', 'test', 'rgb', '*.png'))
    x = rgb.replace(f'{osp.sep}rgb{osp.sep}', f'{osp.sep}depth{osp.sep}')
    model = init_model(cfg, device='cpu')
    assert model.__class__.__name__.startswith('RGBX')
    inferencer = RGBXInferencer(model=cfg, weights=None, device='cpu')
    out = inferencer((rgb, x), return_datasamples=True)
    import mmcv
    assert tuple(out.pred_sem_seg.shape) == mmcv.imread(rgb).shape[:2]


def test_cone_get_model_and_image_classification_inferencer(repo_root, mini_data_root,
                                                            tmp_path):
    import mmcontrast.pretrain  # noqa: F401
    from mmpretrain import ImageClassificationInferencer, get_model
    cfg = _cfg(repo_root, 'cone')
    img = _one(osp.join(mini_data_root, IMAGES['cone']))
    model = get_model(cfg, pretrained=False, device='cpu')
    assert model.__class__.__name__ == 'CoNeClassifier'
    # mmpretrain.inference_model only knows model-zoo names; the inferencer takes any model
    res = ImageClassificationInferencer(model=model, device='cpu')(img)[0]
    assert 0 <= res['pred_label'] < 10 and len(res['pred_scores']) == 10
    ckpt = str(tmp_path / 'cone.pth')
    torch.save(dict(state_dict=model.state_dict(), meta={}), ckpt)
    assert get_model(cfg, pretrained=ckpt).state_dict().keys() == model.state_dict().keys()
    inferencer = ImageClassificationInferencer(model=cfg, pretrained=ckpt, device='cpu')
    out = inferencer(img)[0]
    assert out['pred_label'] == res['pred_label']
    feats = model.extract_feat(torch.zeros(2, 3, 8, 8))
    assert feats[-1].shape == (2, 128)


def test_clld_pretrain_get_model_extracts_features(repo_root, mini_data_root):
    """The self-supervised CLLD model loads with mmpretrain's get_model and extracts backbone
    features (pretraining configs have no test pipeline, as mmpretrain's own selfsup ones)."""
    import mmcontrast.pretrain  # noqa: F401
    from mmpretrain import get_model
    model = get_model(_cfg(repo_root, 'clld'), pretrained=False, device='cpu')
    assert 'CLLD' in model.__class__.__name__
    model.eval()
    with torch.no_grad():
        feats = model.extract_feat(torch.zeros(1, 3, 112, 112))
    assert feats[-1].shape[:2] == (1, 512)
