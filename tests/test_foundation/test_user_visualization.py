# Copyright (c) mmcontrast contributors. All rights reserved.
"""``tools/test.py --show-dir`` writes pictures for every method; the embedding hook draws."""
import glob
import os
import os.path as osp
import subprocess
import sys

import numpy as np
import pytest
import torch

# method -> glob of its tiny test config (names survive the mini-<name> renaming)
TINY = {
    'icpc': 'configs/icpc/icpc_*tiny*mini-ade*.py',
    'smmcl': 'configs/smmcl/smmcl_*tiny*llrgbd*64x96.py',
    'focal': 'configs/focal/focal-v1-kmeans_hrnet-tiny_*forgery*.py',
    'lanes': 'configs/clld/fpn_r18_1xb4-150iter_*culane*.py',
    'cone': 'configs/cone/cone_resnet18-cifar_1xb32-10e_*digits.py',
    # DCCL's mmdet downstream: .npy slice inputs (SliceDetVisualizationHook)
    'dccl-retinanet': 'configs/dccl/benchmarks/retinanet_*mini*picai*.py',
    # Age: the predicted and true age written on the face (AgeVisualizationHook)
    'age': 'configs/age/agecl_resnet18-cifar_1xb32-20e_mini-face-age-16x16.py',
}


def tiny_config(repo_root: str, method: str) -> str:
    found = sorted(glob.glob(osp.join(repo_root, TINY[method])))
    assert found, f'no tiny config for {method} matches {TINY[method]}'
    return found[0]


def random_checkpoint(cfg_path: str, out: str) -> str:
    """Save a randomly initialised model of ``cfg_path`` as an mmengine checkpoint."""
    from mmengine.config import Config
    from mmengine.registry import MODELS, init_default_scope
    cfg = Config.fromfile(cfg_path)
    for imp in cfg.get('custom_imports', {}).get('imports', []):
        __import__(imp)
    init_default_scope(cfg.get('default_scope', 'mmseg'))
    torch.manual_seed(0)
    model = MODELS.build(cfg.model)
    torch.save({'state_dict': model.state_dict(), 'meta': {}}, out)
    return out


def run_tool(args, cwd, timeout=600):
    env = dict(os.environ, OMP_NUM_THREADS='1', PYTHONPATH=cwd)
    env['PATH'] = osp.dirname(sys.executable) + os.pathsep + env.get('PATH', '')
    proc = subprocess.run([sys.executable] + args, cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc.stdout + proc.stderr


def images_under(folder: str):
    return sorted(glob.glob(osp.join(folder, '**', '*.png'), recursive=True) +
                  glob.glob(osp.join(folder, '**', '*.jpg'), recursive=True))


# lanes (1640x590 images), SMMCL and the detector take longest: slow-marked
# (bash tools/run_tests.sh --all)
SLOW = ('lanes', 'smmcl', 'dccl-retinanet')


@pytest.mark.parametrize(
    'method', [pytest.param(m, marks=pytest.mark.slow) if m in SLOW else m for m in sorted(TINY)])
def test_show_dir_writes_images(method, tmp_path, repo_root, mini_data_root):
    """One test image per method through tools/test.py --show-dir. The CoNe run also adds the
    embedding hook through a downstream config (t-SNE picture via the LocalVisBackend)."""
    cfg = tiny_config(repo_root, method)
    ckpt = random_checkpoint(cfg, str(tmp_path / 'model.pth'))
    show = str(tmp_path / 'show')
    work = str(tmp_path / 'work')
    n = 1
    if method == 'cone':
        n = 16
        down = tmp_path / 'cone_embed.py'
        down.write_text(
            f"_base_ = {cfg!r}\n"
            "custom_hooks = [dict(type='EmbeddingVisualizationHook', max_points=64)]\n")
        cfg = str(down)
    run_tool(['tools/test.py', cfg, ckpt, '--work-dir', work, '--show-dir', show,
              '--cfg-options', f'test_dataloader.dataset.indices={n}'], repo_root)
    imgs = images_under(show)
    assert len(imgs) == n, imgs
    import cv2
    img = cv2.imread(imgs[0])
    assert img is not None and img.ndim == 3 and img.std() > 0
    if method == 'smmcl':  # RGB row + X row, GT | prediction in each
        rgb = cv2.imread(glob.glob(osp.join(mini_data_root, 'llrgbd', '**', 'rgb', '*.png'),
                                   recursive=True)[0])
        assert img.shape[0] == 2 * rgb.shape[0] and img.shape[1] == 2 * rgb.shape[1]
    if method == 'focal':  # GT overlay | prediction overlay | clustered feature map
        assert img.shape[1] == 3 * img.shape[0]
    if method == 'cone':
        tsne = [p for p in images_under(work) if 'test_embedding' in p]
        assert len(tsne) == 1, images_under(work)
    if method == 'age':  # the 16x16 face enlarged to 128 px, with the caption's dark box
        assert min(img.shape[:2]) >= 128 and (img[:12, :40] < 60).mean() > 0.3


def test_age_caption_and_show_dir_refuses_undrawable_models(tmp_path, repo_root):
    """Age pictures say 'age <pred> (gt <true>)'; a retriever gets a clear error, not blanks."""
    from mmpretrain.structures import DataSample

    from mmcontrast.pretrain.engine.hooks.age_visualization_hook import age_caption
    ds = DataSample()
    ds.set_field(torch.tensor(34.24), 'pred_age')
    assert age_caption(ds) == 'age 34.2'
    ds.set_field(35.0, 'gt_age')
    assert age_caption(ds) == 'age 34.2 (gt 35)'
    cfg = sorted(glob.glob(osp.join(repo_root, 'configs/clip4cir/clip4cir-sum_tiny_*cirr*.py')))[0]
    env = dict(os.environ, OMP_NUM_THREADS='1', PYTHONPATH=repo_root)
    proc = subprocess.run([sys.executable, 'tools/test.py', cfg, str(tmp_path / 'none.pth'),
                           '--work-dir', str(tmp_path / 'w'), '--show-dir', str(tmp_path / 's')],
                          cwd=repo_root, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0
    assert 'ComposedImageRetriever' in proc.stderr and 'Run without --show/--show-dir' in proc.stderr


def test_slice_to_rgb_and_npy_show_name(tmp_path):
    """DCCL's float .npy slices (any channel count) become 8-bit RGB for mmdet's drawing."""
    from mmcontrast.det.visualization import slice_to_rgb
    arr = np.stack([np.linspace(-2, 3, 12).reshape(3, 4), np.full((3, 4), 7.),
                    np.arange(12.).reshape(3, 4)], -1).astype(np.float32)
    rgb = slice_to_rgb(arr)
    assert rgb.dtype == np.uint8 and rgb.shape == (3, 4, 3)
    assert rgb[..., 0].min() == 0 and rgb[..., 0].max() == 255
    assert (rgb[..., 1] == 0).all()  # a constant channel
    assert slice_to_rgb(arr[..., 0]).shape == (3, 4, 3)  # one channel repeated


def test_embedding_hook_pixels_and_classes():
    """Segmentation features give one point per grid cell, ignored labels dropped, and the
    projection separates two well-separated classes."""
    from mmengine.structures import PixelData
    from mmseg.structures import SegDataSample

    from mmcontrast.engine.hooks import EmbeddingVisualizationHook
    hook = EmbeddingVisualizationHook(method='pca', max_points=500)
    feats = torch.randn(2, 8, 4, 4)
    gt = torch.zeros(1, 16, 16, dtype=torch.long)
    gt[:, 8:] = 1
    gt[:, :, :4] = 255
    samples = []
    for _ in range(2):
        s = SegDataSample()
        s.gt_sem_seg = PixelData(data=gt.clone())
        samples.append(s)
    labels = hook._labels_of(samples, feats)
    assert labels.shape == (32, )
    feats = feats.permute(0, 2, 3, 1).flatten(0, 2).numpy()
    feats[labels.numpy() == 1] += 10.
    xy, kept = hook.project(feats, labels.numpy(), num_classes=2)
    assert len(xy) == 24 and set(kept.tolist()) == {0, 1}
    # the first principal axis separates the classes
    a, b = xy[kept == 0, 0], xy[kept == 1, 0]
    assert a.max() < b.min() or b.max() < a.min()
    img = hook.render(xy, kept, ('zero', 'one'))
    assert img.dtype == np.uint8 and img.shape[2] == 3
