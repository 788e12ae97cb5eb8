# Copyright (c) mmcontrast contributors. All rights reserved.
"""``MMSegInferencer`` for RGB-X (RGB + depth/thermal) models such as SMMCL.

mmseg's inferencer takes one image per input and requires a
``LoadImageFromFile`` step in the test pipeline, which it swaps for its
``InferencerLoader``. RGB-X configs load both modalities with
``LoadRGBXImageFromFile`` instead, so the stock inferencer refuses them. This
subclass changes only that: each input is an ``(rgb_path, x_path)`` pair, a
``dict(img_path=..., x_path=...)`` or an (H, W, 6) array (RGB ‖ X, as the
loader produces), and the loader step is swapped for :class:`RGBXInferencerLoader`.
Batching, the model call, visualisation of the colour image and saving of
predictions are mmseg's.
"""
from typing import List, Optional, Sequence, Union

import mmcv
import numpy as np
from mmcv.transforms import BaseTransform
from mmengine.dataset import Compose
from mmseg.apis import MMSegInferencer
from mmseg.registry import TRANSFORMS

from ..datasets.transforms.loading_rgbx import LoadRGBXImageFromFile

RGBXInput = Union[Sequence[str], dict, np.ndarray]


@TRANSFORMS.register_module()
class RGBXInferencerLoader(BaseTransform):
    """Load an RGB-X inferencer input into ``img`` (H, W, 6).

    Args:
        **kwargs: Arguments of :class:`LoadRGBXImageFromFile` (``channel_order``,
            ``x_color_type``, ...), used for path inputs.
    """

    def __init__(self, **kwargs) -> None:
        self.from_file = LoadRGBXImageFromFile(**kwargs)

    def transform(self, results: RGBXInput) -> dict:
        if isinstance(results, np.ndarray):
            if results.ndim != 3 or results.shape[2] != 6:
                raise ValueError('An array input of RGBXInferencer must be (H, W, 6) = RGB + X, '
                                 f'got shape {results.shape}.')
            return dict(img=results, img_shape=results.shape[:2], ori_shape=results.shape[:2])
        if isinstance(results, (list, tuple)):
            if len(results) != 2:
                raise ValueError('A pair input of RGBXInferencer must be (rgb_path, x_path), '
                                 f'got {len(results)} items.')
            results = dict(img_path=results[0], x_path=results[1])
        if not isinstance(results, dict) or 'img_path' not in results or 'x_path' not in results:
            raise ValueError('RGBXInferencer inputs are (rgb_path, x_path) pairs, '
                             'dict(img_path=..., x_path=...) or (H, W, 6) arrays.')
        return self.from_file(dict(results))


class RGBXInferencer(MMSegInferencer):
    """Inference on RGB-X models with mmseg's inferencer machinery.

    Example:
        >>> import mmcontrast.seg
        >>> from mmcontrast.seg.apis import RGBXInferencer
        >>> inferencer = RGBXInferencer(model='smmcl_config.py', weights='smmcl.pth')
        >>> out = inferencer([('rgb/0001.png', 'depth/0001.png')], out_dir='outputs')
        >>> out['predictions'].shape  # (H, W) class ids

    Args are those of ``mmseg.apis.MMSegInferencer``.
    """

    def _init_pipeline(self, cfg) -> Compose:
        pipeline_cfg = [dict(t) for t in cfg.test_dataloader.dataset.pipeline]
        pipeline_cfg = [t for t in pipeline_cfg
                        if t['type'] not in ('LoadAnnotations', 'LoadDepthAnnotation')]
        idx = self._get_transform_idx(pipeline_cfg, 'LoadRGBXImageFromFile')
        if idx == -1:
            raise ValueError('RGBXInferencer needs LoadRGBXImageFromFile in the test pipeline; '
                             'for RGB-only models use mmseg.apis.MMSegInferencer.')
        pipeline_cfg[idx]['type'] = 'RGBXInferencerLoader'
        return Compose(pipeline_cfg)

    def _inputs_to_list(self, inputs) -> list:
        # One pair or one dict is a single input, not a list of two paths.
        if isinstance(inputs, dict) or (
                isinstance(inputs, tuple) and len(inputs) == 2
                and all(isinstance(p, str) for p in inputs)):
            return [inputs]
        if isinstance(inputs, np.ndarray):
            return [inputs] if inputs.ndim == 3 else list(inputs)
        return list(inputs)

    def visualize(self, inputs: list, preds: List[dict], **kwargs) -> Optional[List[np.ndarray]]:
        """Draw predictions on the colour image of each input."""
        colour = []
        for item in inputs:
            if isinstance(item, np.ndarray):
                colour.append(np.ascontiguousarray(item[..., :3]))
                continue
            path = item['img_path'] if isinstance(item, dict) else item[0]
            colour.append(mmcv.imread(path, channel_order='rgb'))
        return super().visualize(colour, preds, **kwargs)
