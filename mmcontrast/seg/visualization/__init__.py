# Copyright (c) mmcontrast contributors. All rights reserved.
"""Visualisation hooks for the segmentation methods, registered in ``mmseg.registry.HOOKS``.

They draw through mmseg's ``SegLocalVisualizer`` (the ``visualizer`` of every mmseg config), so
images go to whatever ``vis_backends`` the config names (local files, TensorBoard, W&B, ...).
``tools/test.py --show-dir`` picks the right hook for a config (see :func:`pick_seg_hook`).
"""
from .drawing import draw_seg_pair, read_rgb, read_modality, resize_to
from .forgery_visualization_hook import ForgeryVisualizationHook
from .rgbx_seg_visualization_hook import RGBXSegVisualizationHook
from .sized_seg_visualization_hook import SizedSegVisualizationHook

__all__ = [
    'ForgeryVisualizationHook', 'RGBXSegVisualizationHook', 'SizedSegVisualizationHook',
    'draw_seg_pair', 'read_rgb', 'read_modality', 'resize_to', 'pick_seg_hook'
]


def pick_seg_hook(cfg) -> str:
    """Name of the visualisation hook that can draw a test sample of ``cfg``.

    FOCAL (clustering, no classifier) -> ``ForgeryVisualizationHook``; a pipeline that loads a
    second modality (``LoadRGBXImageFromFile``) -> ``RGBXSegVisualizationHook``; anything else ->
    ``SizedSegVisualizationHook`` (mmseg's hook, tolerant of annotations drawn at another size,
    as the lane configs do).
    """
    model_type = str(cfg.get('model', {}).get('type', ''))
    dataloader = cfg.get('test_dataloader') or cfg.get('val_dataloader') or {}
    pipeline = str(dataloader.get('dataset', {}).get('pipeline', ''))
    if model_type.split('.')[-1] == 'FOCAL':
        return 'ForgeryVisualizationHook'
    if 'LoadRGBXImageFromFile' in pipeline:
        return 'RGBXSegVisualizationHook'
    return 'SizedSegVisualizationHook'
