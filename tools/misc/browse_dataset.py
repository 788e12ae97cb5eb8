# Copyright (c) mmcontrast contributors. All rights reserved.
"""Save what a config's dataloader feeds the model: images after the pipeline, with labels.

mmseg/mmpretrain parity (``tools/analysis/browse_dataset.py``), working with the pinned
headless OpenCV (images are written to files; ``--show`` opens a window only where a display
and a GUI OpenCV exist). Handles every method's data:

* mmseg datasets: the ground-truth map blended over the image (annotations drawn at another
  size, e.g. FOCAL's feature-grid masks, are nearest-resized to the image);
* RGB-X datasets (SMMCL): the RGB image and the second modality, one above the other;
* mmpretrain datasets (CoNe, CLLD): the image (every view of multi-view pipelines) with its
  class name.

Usage::

    python tools/misc/browse_dataset.py CONFIG --output-dir DIR [--phase train|val|test]
        [--num 10] [--cfg-options ...]
"""
import argparse
import importlib
import os
import os.path as osp

import cv2
import numpy as np
import torch
from mmengine.config import Config, DictAction


def _to_uint8(img: np.ndarray) -> np.ndarray:
    if img.dtype == np.uint8:
        return img
    img = img.astype(np.float32)
    lo, hi = float(img.min()), float(img.max())
    return ((img - lo) / (hi - lo) * 255.).astype(np.uint8) if hi > lo else \
        np.zeros(img.shape, np.uint8)


def _pipeline_types(cfg, phase):
    return [t.get('type') for t in cfg[f'{phase}_dataloader'].dataset.get('pipeline', [])]


def _colour_order(cfg, phase) -> str:
    """Channel order of ``inputs``: mmcv loads BGR unless the loader says otherwise."""
    for t in cfg[f'{phase}_dataloader'].dataset.get('pipeline', []):
        if t.get('type') == 'LoadRGBXImageFromFile':
            return t.get('channel_order', 'rgb')
        if t.get('type') == 'LoadImageFromFile':
            return t.get('channel_order', 'bgr') if 'channel_order' in t else 'bgr'
    return 'bgr'


def _overlay(img: np.ndarray, seg: np.ndarray, palette, alpha: float = 0.5) -> np.ndarray:
    seg = cv2.resize(seg.astype(np.uint8), (img.shape[1], img.shape[0]),
                     interpolation=cv2.INTER_NEAREST) if seg.shape != img.shape[:2] else seg
    colour = np.zeros_like(img)
    for k, c in enumerate(palette):
        colour[seg == k] = c
    labelled = (seg < len(palette))[..., None]
    return np.where(labelled, (img * (1 - alpha) + colour * alpha), img).astype(np.uint8)


def draw_seg_item(item: dict, metainfo: dict, order: str) -> np.ndarray:
    """(H, W, 3) RGB (or (2H, W, 3) for RGB-X) with the ground truth blended in."""
    inputs = item['inputs']
    img = inputs.numpy().transpose(1, 2, 0) if torch.is_tensor(inputs) else np.asarray(inputs)
    classes = metainfo.get('classes') or []
    palette = metainfo.get('palette')
    if not palette or len(palette) < len(classes):
        rng = np.random.RandomState(42)
        palette = [rng.randint(0, 255, 3).tolist() for _ in classes]
    ds = item['data_samples']
    seg = ds.gt_sem_seg.data[0].numpy() if 'gt_sem_seg' in ds else None
    rows = []
    for start in range(0, img.shape[2] - 2, 3):  # RGB, then X of RGB-X inputs
        part = _to_uint8(img[..., start:start + 3])
        if start == 0 and order == 'bgr':
            part = part[..., ::-1]
        part = np.ascontiguousarray(part)
        rows.append(np.concatenate([part, _overlay(part, seg, palette)], axis=1)
                    if seg is not None else part)
    return np.concatenate(rows, axis=0)


def draw_cls_item(item: dict, classes, order: str) -> np.ndarray:
    """Every view of the sample side by side, with the class name."""
    inputs = item['inputs']
    views = inputs if isinstance(inputs, (list, tuple)) else [inputs]
    panels = []
    for v in views:
        img = _to_uint8(v.numpy().transpose(1, 2, 0))
        img = np.ascontiguousarray(img[..., ::-1] if order == 'bgr' else img)
        panels.append(cv2.resize(img, (max(img.shape[1], 64), max(img.shape[0], 64)),
                                 interpolation=cv2.INTER_NEAREST))
    h = max(p.shape[0] for p in panels)
    panels = [np.pad(p, ((0, h - p.shape[0]), (0, 0), (0, 0))) for p in panels]
    out = np.concatenate(panels, axis=1)
    ds = item['data_samples']
    ds = ds[0] if isinstance(ds, (list, tuple)) else ds
    if 'gt_label' in ds:
        k = int(ds.gt_label.flatten()[0])
        name = classes[k] if classes and k < len(classes) else str(k)
        cv2.putText(out, name, (2, 12), cv2.FONT_HERSHEY_SIMPLEX, 0.4, (255, 255, 0), 1,
                    cv2.LINE_AA)
    return out


def browse(cfg: Config, output_dir: str, phase: str = 'train', num: int = 10,
           show: bool = False):
    """Write ``num`` samples of ``{phase}_dataloader``; return the written paths."""
    from mmengine.registry import DATASETS, init_default_scope
    for mod in cfg.get('custom_imports', {}).get('imports', []):
        importlib.import_module(mod)
    scope = cfg.get('default_scope', 'mmseg')
    init_default_scope(scope)
    key = f'{phase}_dataloader'
    if not cfg.get(key):
        raise KeyError(f'the config has no {key}; choose --phase from '
                       f'{[k[:-11] for k in cfg if k.endswith("_dataloader") and cfg[k]]}')
    dataset = DATASETS.build(cfg[key].dataset)
    order = _colour_order(cfg, phase)
    os.makedirs(output_dir, exist_ok=True)
    written = []
    for i in range(min(num, len(dataset))):
        item = dataset[i]
        ds = item['data_samples']
        first = ds[0] if isinstance(ds, (list, tuple)) else ds
        name = osp.splitext(osp.basename(first.metainfo.get('img_path', f'{i}')))[0]
        if scope == 'mmpretrain':
            img = draw_cls_item(item, dataset.metainfo.get('classes'), order)
        else:
            img = draw_seg_item(item, dataset.metainfo, order)
        path = osp.join(output_dir, f'{i:04d}_{name}.png')
        cv2.imwrite(path, img[..., ::-1])
        written.append(path)
        if show:
            cv2.imshow('browse_dataset', img[..., ::-1])
            cv2.waitKey(0)
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('config')
    parser.add_argument('--output-dir', required=True)
    parser.add_argument('--phase', default='train', choices=['train', 'val', 'test'])
    parser.add_argument('--num', type=int, default=10)
    parser.add_argument('--show', action='store_true', help='also open a window (GUI OpenCV)')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction)
    args = parser.parse_args()
    import mmcontrast  # noqa: F401  (mmcontrast:: configs)
    cfg = Config.fromfile(args.config)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    paths = browse(cfg, args.output_dir, args.phase, args.num, args.show)
    print(f'wrote {len(paths)} images to {args.output_dir}')


if __name__ == '__main__':
    main()
