# Copyright (c) mmcontrast contributors. All rights reserved.
"""Forgery-mask overlays beside the clustered feature map (FOCAL)."""
import cv2
import numpy as np
from mmseg.registry import HOOKS

from .drawing import resize_to
from .sized_seg_visualization_hook import SizedSegVisualizationHook

#: cluster colours of the feature-map panel: 0 pristine (blue), 1 forged (red), others grey
_CLUSTER_COLOURS = np.array([[40, 90, 200], [220, 40, 40], [160, 160, 160]], np.uint8)


@HOOKS.register_module()
class ForgeryVisualizationHook(SizedSegVisualizationHook):
    """Image + GT mask | image + predicted mask | clustered feature map (FOCAL).

    The masks are drawn in red over the image (``alpha`` blending); the third panel is the
    segmentor's ``pred_grid_seg`` (cluster id of every feature-grid cell, before upsampling)
    shown with one flat colour per cluster, nearest-upsampled to the image size, with the
    image-level ``pred_forgery_score`` written on it when the model gives one. Arguments as
    mmseg's ``SegVisualizationHook`` plus ``alpha`` (float, default 0.5).
    """

    def __init__(self, *args, alpha: float = 0.5, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.alpha = alpha

    def _overlay(self, img: np.ndarray, mask: np.ndarray) -> np.ndarray:
        mask = resize_to(mask.astype(np.uint8), img.shape[:2], nearest=True) > 0
        out = img.astype(np.float32)
        out[mask] = out[mask] * (1 - self.alpha) + np.array([255., 0., 0.]) * self.alpha
        return out.astype(np.uint8)

    def _compose(self, output, img):
        panels = []
        for key in ('gt_sem_seg', 'pred_sem_seg'):
            if key in output:
                panels.append(self._overlay(img, getattr(output, key).data[0].cpu().numpy()))
        if 'pred_grid_seg' in output:
            grid = output.pred_grid_seg.data[0].cpu().numpy().astype(np.int64)
            grid = np.clip(grid, 0, len(_CLUSTER_COLOURS) - 1)
            panel = resize_to(_CLUSTER_COLOURS[grid], img.shape[:2], nearest=True).copy()
            if 'pred_forgery_score' in output:
                score = float(output.pred_forgery_score)
                cv2.putText(panel, f'score {score:.2f}', (2, max(10, img.shape[0] // 12)),
                            cv2.FONT_HERSHEY_SIMPLEX, max(0.3, img.shape[0] / 400),
                            (255, 255, 255), 1, cv2.LINE_AA)
            panels.append(panel)
        return np.concatenate(panels, axis=1) if panels else img
