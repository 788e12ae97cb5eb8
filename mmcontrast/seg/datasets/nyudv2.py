# Copyright (c) mmcontrast contributors. All rights reserved.
"""NYU Depth v2 (40 classes) RGB-D semantic segmentation."""
from mmseg.registry import DATASETS

from .rgbx_dataset import RGBXDataset


@DATASETS.register_module()
class NYUDv2Dataset(RGBXDataset):
    """NYUDv2 40-class RGB-D segmentation (Silberman et al., ECCV 2012;
    40-class mapping of Gupta et al., CVPR 2013), 795 train / 654 test.

    Layout (the common CMX release): ``NYUDv2/{RGB,Depth,HHA,Label}/<name>``
    with ``train.txt``/``test.txt`` of basenames; RGB and HHA are ``.jpg``,
    Depth and Label ``.png``. Labels store void as 0 and classes as 1..40:
    ``reduce_zero_label=True`` maps void to 255 (ignored) and class ``i`` to
    ``i - 1``, exactly the ``label - 1`` on uint8 of the RGB-X reference
    loaders. Use ``x_path='HHA'`` with ``x_suffix='.jpg'`` and
    ``LoadRGBXImageFromFile(x_color_type='color')`` for HHA.

    Args:
        **kwargs: Arguments of :class:`RGBXDataset`.
    """
    METAINFO = dict(
        classes=('wall', 'floor', 'cabinet', 'bed', 'chair', 'sofa', 'table', 'door', 'window',
                 'bookshelf', 'picture', 'counter', 'blinds', 'desk', 'shelves', 'curtain',
                 'dresser', 'pillow', 'mirror', 'floor mat', 'clothes', 'ceiling', 'books',
                 'refridgerator', 'television', 'paper', 'towel', 'shower curtain', 'box',
                 'whiteboard', 'person', 'night stand', 'toilet', 'sink', 'lamp', 'bathtub',
                 'bag', 'otherstructure', 'otherfurniture', 'otherprop'),
        palette=[[(37 * i) % 256, (91 * i + 60) % 256, (151 * i + 120) % 256]
                 for i in range(40)])

    def __init__(self, img_suffix: str = '.jpg', x_suffix: str = '.png',
                 seg_map_suffix: str = '.png', reduce_zero_label: bool = True,
                 **kwargs) -> None:
        super().__init__(img_suffix=img_suffix, x_suffix=x_suffix,
                         seg_map_suffix=seg_map_suffix,
                         reduce_zero_label=reduce_zero_label, **kwargs)
