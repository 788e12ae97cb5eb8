# Copyright (c) mmcontrast contributors. All rights reserved.
"""FOCAL's training augmentation, through mmseg's albumentations wrapper."""
import copy
from typing import List, Sequence

import cv2
from mmseg.datasets.transforms import Albu
from mmseg.registry import TRANSFORMS


def _albu_major() -> int:
    import albumentations
    return int(albumentations.__version__.split('.')[0])


def focal_albu_recipe(pad_size: int = 1024, jpeg_quality: Sequence[int] = (50, 95),
                      prob: float = 0.75, major: int = 2) -> List[dict]:
    """The FOCAL code's albumentations block as ``Albu`` dicts for albumentations ``major``.

    Argument names and defaults changed between albumentations 1.x and 2.x;
    this maps the 1.x recipe of the official code onto both:
    ``ImageCompression(quality_lower, quality_upper)`` -> ``quality_range``;
    ``GaussNoise(var_limit=(10, 50))`` (variance on 0-255) ->
    ``std_range`` = sqrt(var)/255; ``ElasticTransform(alpha_affine)`` is gone in
    2.x (dropped); ``PadIfNeeded``'s border mode is given explicitly (2.x
    changed its default from reflect-101 to constant).

    Args:
        pad_size (int): ``PadIfNeeded`` min height/width. Defaults to 1024.
        jpeg_quality (Sequence[int]): JPEG quality range. Defaults to (50, 95).
        prob (float): Probability of the whole block. Defaults to 0.75.
        major (int): Albumentations major version (1 or 2). Defaults to 2.

    Returns:
        list[dict]: One ``Sequential`` dict for ``mmseg.datasets.transforms.Albu``.
    """
    lo, hi = int(jpeg_quality[0]), int(jpeg_quality[1])
    if major >= 2:
        jpeg = dict(type='ImageCompression', quality_range=(lo, hi), p=0.75)
        noise = dict(type='GaussNoise', std_range=(10 ** 0.5 / 255, 50 ** 0.5 / 255), p=1.0)
        elastic = dict(type='ElasticTransform', alpha=120, sigma=120 * 0.05, p=1.0)
    else:
        jpeg = dict(type='ImageCompression', quality_lower=lo, quality_upper=hi, p=0.75)
        noise = dict(type='GaussNoise', var_limit=(10.0, 50.0), p=1.0)
        elastic = dict(type='ElasticTransform', alpha=120, sigma=120 * 0.05,
                       alpha_affine=120 * 0.03, p=1.0)
    one = lambda names: [dict(type=n, p=1.0) for n in names]  # noqa: E731
    block = [
        dict(type='RandomScale', scale_limit=(-0.5, 0.0), p=0.75),
        dict(type='PadIfNeeded', min_height=pad_size, min_width=pad_size,
             border_mode=cv2.BORDER_REFLECT_101, p=1.0),
        dict(type='OneOf', transforms=one(['HorizontalFlip', 'VerticalFlip',
                                           'RandomRotate90', 'Transpose']), p=0.75),
        jpeg,
        dict(type='OneOf', p=0.25, transforms=[
            dict(type='OneOf', p=1.0,
                 transforms=one(['Blur', 'GaussianBlur', 'MedianBlur', 'MotionBlur'])),
            dict(type='OneOf', p=1.0,
                 transforms=one(['Downscale']) + [noise] + one(
                     ['ISONoise', 'RandomBrightnessContrast', 'RandomGamma',
                      'RandomToneCurve', 'Sharpen'])),
            dict(type='OneOf', p=1.0, transforms=[elastic, dict(type='GridDistortion', p=1.0)]),
        ]),
    ]
    return [dict(type='Sequential', transforms=block, p=prob)]


@TRANSFORMS.register_module()
class FOCALAlbu(Albu):
    """FOCAL's augmentation recipe (Wu et al., arXiv 2308.09307, official code).

    With probability ``prob``: RandomScale(-50 %..0, p=.75) -> PadIfNeeded to
    ``pad_size`` (reflect-101) -> one of flips/rot90/transpose (p=.75) -> JPEG
    quality 50-95 (p=.75) -> one of {blur family, noise/tone family, elastic /
    grid distortion} (p=.25). Image and mask are transformed together by
    ``mmseg.datasets.transforms.Albu`` (mask with nearest interpolation); a
    :class:`ResizeForgery` follows. Albumentations 1.x and 2.x argument names
    are handled by :func:`focal_albu_recipe`; the pinned version is in
    ``requirements/optional.txt``.

    Args:
        pad_size (int): Defaults to 1024.
        jpeg_quality (Sequence[int]): Defaults to (50, 95).
        prob (float): Defaults to 0.75.
    """

    def __init__(self, pad_size: int = 1024, jpeg_quality: Sequence[int] = (50, 95),
                 prob: float = 0.75) -> None:
        if not 0 <= prob <= 1:
            raise ValueError(f'prob must be in [0, 1], got {prob}')
        if pad_size < 1:
            raise ValueError(f'pad_size must be >= 1, got {pad_size}')
        self.pad_size, self.jpeg_quality, self.prob = pad_size, tuple(jpeg_quality), prob
        super().__init__(transforms=focal_albu_recipe(pad_size, jpeg_quality, prob,
                                                      _albu_major()))

    def transform(self, results: dict) -> dict:
        # hand albumentations only the image and the mask, keep the rest aside
        keep = {k: v for k, v in results.items() if k not in ('img', 'gt_seg_map')}
        core = {k: results[k] for k in ('img', 'gt_seg_map') if k in results}
        out = super().transform(copy.copy(core))
        keep.update(out)
        keep['img_shape'] = keep['img'].shape[:2]
        return keep

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(pad_size={self.pad_size}, '
                f'jpeg_quality={self.jpeg_quality}, prob={self.prob})')
