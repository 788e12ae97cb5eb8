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
    # the five newer methods (mmpretrain hosts; DCCL's downstream detector is mmdet's)
    'ctp': 'configs/ctp/ctp_*mini*p9d.py',
    'clip4cir': 'configs/clip4cir/clip4cir-sum_*mini*cirr*.py',
    'dccl': 'configs/dccl/dccl_*mini*picai*.py',
    'age': 'configs/age/agecl_*mini*face-age-16x16.py',
    'fpattack': 'configs/fpattack/signet-*mini*signatures*.py',
    'dccl-retinanet': 'configs/dccl/benchmarks/retinanet_*mini*picai*.py',
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


def _runner_checkpoint(cfg_path, tmp_path, options=None):
    """The config's runner (model randomly initialised) and a checkpoint it saved with
    ``runner.save_checkpoint`` (meta and dataset_meta as tools/train.py writes them)."""
    from mmengine.config import Config
    from mmengine.runner import Runner
    cfg = Config.fromfile(cfg_path)
    cfg.work_dir = str(tmp_path / 'work')
    cfg.merge_from_dict(options or {})
    torch.manual_seed(0)
    runner = Runner.from_cfg(cfg)
    runner.save_checkpoint(cfg.work_dir, 'model.pth', save_optimizer=False,
                           save_param_scheduler=False)
    return runner, osp.join(cfg.work_dir, 'model.pth')


def _outputs(method, model, batch):
    """Tensors of ``model``'s output on a copy of ``batch`` (predict fills the samples)."""
    import copy
    batch = copy.deepcopy(batch)
    if method == 'dccl':  # pretraining only: backbone features, as mmpretrain's selfsup
        return list(model.extract_feat(batch))
    if method == 'fpattack':  # pair distances
        return [model(**model.data_preprocessor(batch, False), mode='tensor')]
    samples = model.test_step(batch)
    keys = dict(ctp=('img_feat', 'text_feat', 'fused_feat'), clip4cir=('pred_topk', ),
                age=('pred_age', ))[method]
    return [torch.stack([torch.as_tensor(s.get(k)) for s in samples]) for k in keys
            if samples[0].get(k) is not None]


@pytest.mark.parametrize('method', ['ctp', 'clip4cir', 'dccl', 'age', 'fpattack'])
def test_new_methods_load_with_mmpretrain_init_model_and_get_model(method, repo_root,
                                                                  mini_data_root, tmp_path,
                                                                  monkeypatch):
    """mmpretrain's ``init_model`` and ``get_model(cfg, pretrained=ckpt)`` rebuild the model
    of each new method's tiny config from a runner-saved checkpoint (CTP: momentum and
    reference copies included) and give the in-memory model's output on one test batch."""
    monkeypatch.chdir(repo_root)  # the tiny configs' data roots are relative
    import mmcontrast.pretrain  # noqa: F401
    from mmpretrain.apis import get_model, init_model
    cfg = _cfg(repo_root, method)
    runner, ckpt = _runner_checkpoint(cfg, tmp_path)
    ref = runner.model.eval()
    if method == 'dccl':  # no test loader: one batch of 3-modality 32x32 slices
        batch = torch.randn(2, 3, 32, 32, generator=torch.Generator().manual_seed(0))
    else:
        batch = next(iter(runner.test_dataloader))
    with torch.no_grad():
        expected = _outputs(method, ref, batch)
        assert expected and all(t.numel() for t in expected)
        for model in (init_model(cfg, ckpt, device='cpu'),
                      get_model(cfg, pretrained=ckpt, device='cpu')):
            assert type(model) is type(ref) and not model.training
            got = _outputs(method, model, batch)
            assert len(got) == len(expected)
            for a, b in zip(got, expected):
                assert torch.allclose(a.float(), b.float(), atol=1e-6), method


def test_dccl_retinanet_init_detector_and_inference_detector(repo_root, mini_data_root,
                                                            tmp_path, monkeypatch):
    """DCCL's mmdet downstream: ``init_detector`` + ``inference_detector`` on a PI-CAI
    ``.npy`` slice match the in-memory RetinaNet; the checkpoint carries the class names."""
    monkeypatch.chdir(repo_root)
    import mmcontrast.det  # noqa: F401
    from mmdet.apis import inference_detector, init_detector
    cfg = _cfg(repo_root, 'dccl-retinanet')
    # no DCCL pretraining checkpoint here: the backbone stays randomly initialised
    runner, ckpt = _runner_checkpoint(cfg, tmp_path, {'model.backbone.init_cfg': None})
    img = _one(osp.join(mini_data_root, 'picai', 'slices', '**', '*.npy'))
    model = init_detector(cfg, ckpt, device='cpu')
    assert model.dataset_meta['classes'] == ('lesion', )
    ref = runner.model.eval()
    ref.cfg = runner.cfg  # what inference_detector reads the test pipeline from
    got, expected = inference_detector(model, img), inference_detector(ref, img)
    assert len(expected.pred_instances) > 0
    for key in ('bboxes', 'scores', 'labels'):
        assert torch.allclose(got.pred_instances.get(key).float(),
                              expected.pred_instances.get(key).float(), atol=1e-5), key
