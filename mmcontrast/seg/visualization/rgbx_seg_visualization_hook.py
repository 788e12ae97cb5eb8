# Copyright (c) mmcontrast contributors. All rights reserved.
"""Overlays on both modalities of an RGB-X (RGB-D / RGB-T) segmentation sample."""
from typing import Dict, Optional

from mmseg.registry import HOOKS

from .drawing import draw_seg_pair, read_modality, resize_to, stack_rows
from .sized_seg_visualization_hook import SizedSegVisualizationHook


@HOOKS.register_module()
class RGBXSegVisualizationHook(SizedSegVisualizationHook):
    """GT | prediction on the RGB image (top row) and on the second modality (bottom row).

    For SMMCL/CMX (``RGBXDataset`` + ``LoadRGBXImageFromFile``). The X image is found from the
    sample's ``x_path`` metainfo when packed, otherwise from the running dataset's data list
    (``img_path`` -> ``x_path``). Depth/thermal maps are min-max stretched to grey. Arguments as
    mmseg's ``SegVisualizationHook``.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._x_paths: Dict[str, str] = {}
        self._runner = None

    def _lookup_x_path(self, img_path: str) -> Optional[str]:
        if img_path not in self._x_paths and self._runner is not None:
            for loop_name in ('test_loop', 'val_loop'):
                try:
                    dataset = getattr(self._runner, loop_name).dataloader.dataset
                except Exception:  # loop not built (e.g. only testing)
                    continue
                if not hasattr(dataset, 'get_data_info'):
                    continue
                for i in range(len(dataset)):
                    info = dataset.get_data_info(i)
                    if 'x_path' in info:
                        self._x_paths[info['img_path']] = info['x_path']
        return self._x_paths.get(img_path)

    def _compose(self, output, img):
        top = draw_seg_pair(self._visualizer, img, output)
        x_path = output.metainfo.get('x_path') or self._lookup_x_path(output.img_path)
        if x_path is None:
            return top
        x = resize_to(read_modality(x_path, self.backend_args), img.shape[:2])
        bottom = draw_seg_pair(self._visualizer, x, output)
        return stack_rows([top, bottom])

    def _after_iter(self, runner, batch_idx, data_batch, outputs, mode='val') -> None:
        self._runner = runner
        super()._after_iter(runner, batch_idx, data_batch, outputs, mode)
