# Copyright (c) mmcontrast contributors. All rights reserved.
"""mmpretrain's visualisation hook for age estimation (Age: cosine + triplet contrast)."""
import math
import os.path as osp
from typing import Optional, Sequence

import mmcv
import numpy as np
from mmengine.fileio import join_path
from mmpretrain.engine.hooks import VisualizationHook
from mmpretrain.registry import HOOKS
from mmpretrain.structures import DataSample


def age_caption(data_sample: DataSample) -> str:
    """``'age 34.2 (gt 35)'`` from ``pred_age`` and, when present, ``gt_age``."""
    text = f'age {float(data_sample.pred_age):.1f}'
    if 'gt_age' in data_sample:
        text += f' (gt {float(data_sample.gt_age):g})'
    return text


@HOOKS.register_module()
class AgeVisualizationHook(VisualizationHook):
    """Draw the predicted (and true) age on each face during val/test.

    mmpretrain's ``VisualizationHook`` draws class labels (``pred_label``);
    ``AgeEstimator`` predicts a real-valued ``pred_age``, so its pictures would
    carry no prediction. This hook keeps the parent's sampling (every
    ``interval``-th sample), ``out_dir`` and ``show`` behaviour and writes
    ``age <pred> (gt <true>)`` on the image, enlarged so that its short side
    is at least ``min_size`` pixels (the mini faces are 16x16).
    ``tools/test.py --show-dir`` selects it for ``AgeEstimator`` models.

    Args:
        enable (bool): Whether to draw. Defaults to False.
        interval (int): Draw every ``interval``-th sample. Defaults to 5000.
        show (bool): Show each picture in a window. Defaults to False.
        out_dir (str, optional): Save ``<image name>_<step>.png`` here
            instead of the visualiser's backends. Defaults to None.
        min_size (int): Smallest short side of a drawn picture. Defaults to 128.
    """

    def __init__(self, enable: bool = False, interval: int = 5000, show: bool = False,
                 out_dir: Optional[str] = None, min_size: int = 128) -> None:
        super().__init__(enable=enable, interval=interval, show=show, out_dir=out_dir)
        self.min_size = int(min_size)

    def _draw_samples(self, batch_idx: int, data_batch: dict,
                      data_samples: Sequence[DataSample], step: int = 0) -> None:
        if self.enable is False:
            return
        images = data_batch['inputs']
        start = len(data_samples) * batch_idx
        first = math.ceil(start / self.interval) * self.interval
        for sample_id in range(first, start + len(data_samples), self.interval):
            ds = data_samples[sample_id - start]
            if 'pred_age' not in ds:
                raise KeyError('AgeVisualizationHook draws `pred_age`: the model must be an '
                               'AgeEstimator (or write pred_age in predict()).')
            image = images[sample_id - start].permute(1, 2, 0).cpu().numpy().astype(np.uint8)
            scale = max(1.0, self.min_size / min(image.shape[:2]))
            if scale > 1:
                image = mmcv.imrescale(image, scale, interpolation='nearest')
            name = (osp.basename(ds.get('img_path')) if 'img_path' in ds else str(sample_id))
            vis = self._visualizer
            vis.set_image(image)
            vis.draw_texts(age_caption(ds), np.array([4, 4]), colors='white',
                           font_sizes=max(8, image.shape[0] // 14),
                           bboxes=dict(facecolor='black', alpha=0.6, pad=2,
                                       edgecolor='none'))
            drawn = vis.get_image()
            if self.show:
                vis.show(drawn, win_name=name)
            if self.out_dir is not None:
                mmcv.imwrite(drawn[..., ::-1], join_path(self.out_dir, f'{name}_{step}.png'))
            else:
                vis.add_image(name, drawn, step=step)
