# Copyright (c) mmcontrast contributors. All rights reserved.
"""MFNet: RGB-thermal urban scenes by day and night."""
from mmseg.registry import DATASETS

from .rgbx_dataset import RGBXDataset


@DATASETS.register_module()
class MFNetDataset(RGBXDataset):
    """MFNet RGB-thermal segmentation (Ha et al., IROS 2017).

    Layout after ``tools/dataset_converters/mfnet.py`` (which splits the
    released 4-channel RGBT PNGs): ``MFNet/{rgb,thermal,labels}/<name>.png``
    and ``MFNet/{train,val,test}.txt`` (basenames). 9 classes including
    ``unlabeled`` = 0, which is trained and counted in the mean
    (``reduce_zero_label=False``); 640x480 images, 784/392/393 images.

    Args:
        **kwargs: Arguments of :class:`RGBXDataset`.
    """
    METAINFO = dict(
        classes=('unlabeled', 'car', 'person', 'bike', 'curve', 'car_stop', 'guardrail',
                 'color_cone', 'bump'),
        palette=[[0, 0, 0], [64, 0, 128], [64, 64, 0], [0, 128, 192], [0, 0, 192],
                 [128, 128, 0], [64, 64, 128], [192, 128, 128], [192, 64, 0]])

    def __init__(self, img_suffix: str = '.png', x_suffix: str = '.png',
                 seg_map_suffix: str = '.png', reduce_zero_label: bool = False,
                 **kwargs) -> None:
        super().__init__(img_suffix=img_suffix, x_suffix=x_suffix,
                         seg_map_suffix=seg_map_suffix,
                         reduce_zero_label=reduce_zero_label, **kwargs)
