# Copyright (c) mmcontrast contributors. All rights reserved.
"""mmseg's ``SegVisualizationHook`` for maps that are not at the image's file size."""
import os.path as osp
from typing import Sequence

from mmseg.engine.hooks import SegVisualizationHook
from mmseg.registry import HOOKS

from .drawing import draw_seg_pair, read_rgb


@HOOKS.register_module()
class SizedSegVisualizationHook(SegVisualizationHook):
    """Draw GT | prediction overlays of val/test samples through the runner's visualizer.

    Same arguments as mmseg's ``SegVisualizationHook`` (``draw``, ``interval``, ``show``,
    ``wait_time``, ``backend_args``). The difference: the image read from ``img_path`` is resized
    to each map before blending, so configs whose annotations are drawn after a resize (the lane
    configs: ``Resize`` then ``LoadLaneAnnotations``) are drawn instead of failing on a shape
    mismatch. One image ``{mode}_{basename}`` per sample goes to every ``vis_backends`` entry.
    """

    def _compose(self, output, img):
        return draw_seg_pair(self._visualizer, img, output)

    def _after_iter(self, runner, batch_idx: int, data_batch: dict, outputs: Sequence,
                    mode: str = 'val') -> None:
        if self.draw is False or mode == 'train':
            return
        if not self.every_n_inner_iters(batch_idx, self.interval):
            return
        for output in outputs:
            img_path = output.img_path
            img = read_rgb(img_path, self.backend_args)
            drawn = self._compose(output, img)
            name = f'{mode}_{osp.basename(img_path)}'
            if self.show:
                self._visualizer.show(drawn, win_name=name, wait_time=self.wait_time)
            else:
                self._visualizer.add_image(name, drawn, step=runner.iter)
