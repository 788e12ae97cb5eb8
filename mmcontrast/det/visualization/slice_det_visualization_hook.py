# Copyright (c) mmcontrast contributors. All rights reserved.
"""mmdet's ``DetVisualizationHook`` for datasets whose images are ``.npy`` slices (DCCL).

mmdet's hook re-reads ``data_sample.img_path`` with ``mmcv.imfrombytes``, which
cannot decode the float ``(H, W, C)`` arrays that ``LoadNpySlice`` loads
(PI-CAI slices: T2W/ADC/HBV z-scores): ``tools/test.py --show-dir`` on the DCCL
RetinaNet downstream crashed in OpenCV (``!_src.empty()``), and the output name
kept the ``.npy`` suffix. This hook draws such slices as 8-bit RGB (each
channel min-max scaled, see :func:`slice_to_rgb`) into ``<stem>.png``; other
images go through mmdet's own code path unchanged.
"""
import os.path as osp
from typing import Sequence

import mmcv
import numpy as np
from mmdet.engine.hooks import DetVisualizationHook
from mmengine.fileio import get
from mmengine.utils import mkdir_or_exist

from mmcontrast.registry import HOOKS


def slice_to_rgb(arr: np.ndarray) -> np.ndarray:
    """(H, W[, C]) float slice -> (H, W, 3) uint8; channel c min-max scaled to 0..255."""
    arr = np.asarray(arr, dtype=np.float32)
    if arr.ndim == 2:
        arr = arr[..., None]
    arr = arr[..., :3]
    if arr.shape[-1] < 3:
        arr = np.concatenate([arr] + [arr[..., -1:]] * (3 - arr.shape[-1]), axis=-1)
    lo = arr.min(axis=(0, 1), keepdims=True)
    span = arr.max(axis=(0, 1), keepdims=True) - lo
    out = np.where(span > 0, (arr - lo) / np.where(span > 0, span, 1), 0.0)
    return np.ascontiguousarray(np.round(out * 255).astype(np.uint8))


def _is_npy(path: str) -> bool:
    return str(path).lower().endswith('.npy')


@HOOKS.register_module()
class SliceDetVisualizationHook(DetVisualizationHook):
    """``DetVisualizationHook`` that also draws ``.npy`` slice inputs (same arguments)."""

    def after_val_iter(self, runner, batch_idx: int, data_batch: dict, outputs: Sequence) -> None:
        if self.draw is False or not _is_npy(outputs[0].img_path):
            return super().after_val_iter(runner, batch_idx, data_batch, outputs)
        total_curr_iter = runner.iter + batch_idx
        if total_curr_iter % self.interval == 0:
            img_path = outputs[0].img_path
            self._visualizer.add_datasample(
                osp.basename(img_path) if self.show else 'val_img',
                slice_to_rgb(np.load(img_path, allow_pickle=False)),
                data_sample=outputs[0],
                show=self.show,
                wait_time=self.wait_time,
                pred_score_thr=self.score_thr,
                step=total_curr_iter)

    def after_test_iter(self, runner, batch_idx: int, data_batch: dict, outputs: Sequence) -> None:
        if self.draw is False or not any(_is_npy(ds.img_path) for ds in outputs):
            return super().after_test_iter(runner, batch_idx, data_batch, outputs)
        if self.test_out_dir is not None and not getattr(self, '_out_dir_done', False):
            # as mmdet: relative to the run's log folder (resolved once, not per batch)
            self.test_out_dir = osp.join(runner.work_dir, runner.timestamp, self.test_out_dir)
            mkdir_or_exist(self.test_out_dir)
            self._out_dir_done = True
        for data_sample in outputs:
            self._test_index += 1
            img_path = data_sample.img_path
            if _is_npy(img_path):
                img = slice_to_rgb(np.load(img_path, allow_pickle=False))
                name = osp.splitext(osp.basename(img_path))[0] + '.png'
            else:
                img = mmcv.imfrombytes(
                    get(img_path, backend_args=self.backend_args), channel_order='rgb')
                name = osp.basename(img_path)
            out_file = None if self.test_out_dir is None else osp.join(self.test_out_dir, name)
            self._visualizer.add_datasample(
                osp.basename(img_path) if self.show else 'test_img',
                img,
                data_sample=data_sample,
                show=self.show,
                wait_time=self.wait_time,
                pred_score_thr=self.score_thr,
                out_file=out_file,
                step=self._test_index)
