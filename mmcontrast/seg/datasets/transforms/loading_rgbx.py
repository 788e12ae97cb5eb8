# Copyright (c) mmcontrast contributors. All rights reserved.
"""Load an RGB image and its second modality (depth/thermal) as one array."""
from typing import Optional

import mmcv
import mmengine.fileio as fileio
import numpy as np
from mmcv.transforms import BaseTransform
from mmseg.registry import TRANSFORMS

_CHANNEL_ORDERS = ('rgb', 'bgr')
_X_COLOR_TYPES = ('grayscale', 'color', 'unchanged')


@TRANSFORMS.register_module()
class LoadRGBXImageFromFile(BaseTransform):
    """Read ``img_path`` and ``x_path`` into one (H, W, 6) ``img``.

    Channels 0-2 are the colour image (RGB by default), channels 3-5 the
    second modality X; a single-channel X (depth, thermal) is replicated to 3
    channels, as in SMMCL/CMX. Stacking both into ``img`` is what makes every
    mmcv/mmseg geometric transform (flip, resize, crop, pad, rotate) move the
    two modalities identically, with no per-transform special case; the
    ``SegDataPreProcessor`` then normalises the 6 channels with a 6-element
    mean/std (set ``bgr_to_rgb=False``: it skips colour conversion for
    non-3-channel inputs anyway).

    Required keys: ``img_path``, ``x_path``. Added keys: ``img`` (H, W, 6),
    ``img_shape``, ``ori_shape``.

    Args:
        to_float32 (bool): Convert to float32. Defaults to False (uint8).
        channel_order (str): ``'rgb'`` (default) or ``'bgr'``. The official
            SMMCL loader ends up with BGR; use ``'bgr'`` for exact parity.
        x_color_type (str): How to decode X: ``'grayscale'`` (one channel,
            replicated; default), ``'color'`` (3 channels, e.g. HHA, in the
            same ``channel_order``) or ``'unchanged'`` (1 or 3 channels as
            stored; 16-bit values are kept and ``img`` becomes float32).
        imdecode_backend (str): mmcv decoding backend. Defaults to 'cv2'.
        backend_args (dict, optional): mmengine file backend arguments.
    """

    def __init__(self,
                 to_float32: bool = False,
                 channel_order: str = 'rgb',
                 x_color_type: str = 'grayscale',
                 imdecode_backend: str = 'cv2',
                 backend_args: Optional[dict] = None) -> None:
        if channel_order not in _CHANNEL_ORDERS:
            raise ValueError(f'channel_order must be one of {_CHANNEL_ORDERS}, '
                             f'got {channel_order!r}')
        if x_color_type not in _X_COLOR_TYPES:
            raise ValueError(f'x_color_type must be one of {_X_COLOR_TYPES}, got {x_color_type!r}')
        self.to_float32 = to_float32
        self.channel_order = channel_order
        self.x_color_type = x_color_type
        self.imdecode_backend = imdecode_backend
        self.backend_args = backend_args.copy() if backend_args else None

    def _read(self, path: str, flag: str) -> np.ndarray:
        img_bytes = fileio.get(path, backend_args=self.backend_args)
        img = mmcv.imfrombytes(img_bytes, flag=flag, channel_order=self.channel_order,
                               backend=self.imdecode_backend)
        if img is None:
            raise IOError(f'Failed to decode {path}')
        return img

    def transform(self, results: dict) -> dict:
        """Load both modalities.

        Args:
            results (dict): With ``img_path`` and ``x_path``.

        Returns:
            dict: With ``img`` (H, W, 6), ``img_shape`` and ``ori_shape``.
        """
        if 'x_path' not in results:
            raise KeyError('LoadRGBXImageFromFile needs results["x_path"]; use an RGBXDataset '
                           "with data_prefix=dict(img_path=..., x_path=..., seg_map_path=...)")
        img = self._read(results['img_path'], 'color')
        x = self._read(results['x_path'], self.x_color_type)
        if x.ndim == 2:
            x = x[..., None]
        if x.shape[2] == 1:
            x = np.repeat(x, 3, axis=2)
        if x.shape[2] != 3:
            raise ValueError(f'X image {results["x_path"]} has {x.shape[2]} channels; '
                             'expected 1 or 3')
        if x.shape[:2] != img.shape[:2]:
            raise ValueError(f'RGB {results["img_path"]} is {img.shape[:2]} but X '
                             f'{results["x_path"]} is {x.shape[:2]}; they must be aligned')
        if self.to_float32 or x.dtype != img.dtype:  # e.g. 16-bit depth: no lossy cast
            img, x = img.astype(np.float32), x.astype(np.float32)
        img = np.concatenate([img, x], axis=2)
        results['img'] = img
        results['img_shape'] = img.shape[:2]
        results['ori_shape'] = img.shape[:2]
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(to_float32={self.to_float32}, '
                f"channel_order='{self.channel_order}', x_color_type='{self.x_color_type}', "
                f"imdecode_backend='{self.imdecode_backend}')")
