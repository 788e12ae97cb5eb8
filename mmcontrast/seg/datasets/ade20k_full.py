# Copyright (c) mmcontrast contributors. All rights reserved.
"""ADE20K-Full (847 classes) as prepared by MaskFormer's converter."""
import os.path as osp
from typing import List, Optional

from mmseg.datasets import BaseSegDataset
from mmseg.registry import DATASETS

from .checks import CheckedSegDataset


def read_class_names(path: str) -> List[str]:
    """One class name per line, in trainId order (blank lines skipped)."""
    with open(path, encoding='utf-8') as f:
        return [ln.rstrip('\n') for ln in f if ln.strip()]


@DATASETS.register_module()
class ADE20KFullDataset(CheckedSegDataset, BaseSegDataset):
    """ADE20K-Full (Zhou et al., ADE20K 2021_17_01; the 847-class semantic
    split of MaskFormer, Cheng et al., NeurIPS 2021), used by ICPC.

    Layout written by ``tools/dataset_converters/ade20k_full.py`` (same as
    MaskFormer's ``prepare_ade20k_full_sem_seg.py``)::

        data/ADE20K_2021_17_01/
            images_detectron2/{training,validation}/*.jpg
            annotations_detectron2/{training,validation}/*.tif   # uint16 trainIds, void 65535
            ade20k_full_classes.txt                             # 847 names, trainId order

    The class names are not shipped (they cannot be downloaded here and must
    not be guessed): the converter writes ``classes_file`` from the dataset's
    own metadata and this class reads it. Labels are 16-bit; load them with
    ``LoadAnnotationsU16`` and use ``ignore_index=65535`` everywhere (trainId
    255 is a real class).

    Args:
        classes_file (str): Names file, relative to ``data_root`` unless
            absolute. Defaults to ``'ade20k_full_classes.txt'``.
        img_suffix (str): Defaults to ``'.jpg'``.
        seg_map_suffix (str): Defaults to ``'.tif'``.
        ignore_index (int): Defaults to 65535.
        **kwargs: ``BaseSegDataset`` arguments. Without ``lazy_init`` a missing
            names file raises; with it, the names are read at ``full_init``.
    """

    METAINFO: dict = dict()

    def __init__(self,
                 classes_file: str = 'ade20k_full_classes.txt',
                 img_suffix: str = '.jpg',
                 seg_map_suffix: str = '.tif',
                 ignore_index: int = 65535,
                 reduce_zero_label: bool = False,
                 metainfo: Optional[dict] = None,
                 data_root: Optional[str] = None,
                 lazy_init: bool = False,
                 **kwargs) -> None:
        if reduce_zero_label:
            raise ValueError('ADE20K-Full stores trainIds (void 65535): '
                             'reduce_zero_label must be False.')
        self.classes_file = classes_file
        if data_root is not None and not osp.isabs(classes_file):
            self.classes_file = osp.join(data_root, classes_file)
        metainfo = dict(metainfo or {})
        if 'classes' not in metainfo:
            if osp.isfile(self.classes_file):
                metainfo['classes'] = tuple(read_class_names(self.classes_file))
            elif not lazy_init:
                raise FileNotFoundError(
                    f'{self.classes_file} not found: run tools/dataset_converters/ade20k_full.py, '
                    'which writes it from the dataset metadata (see docs/data_preparation.md).')
            else:
                metainfo['classes'] = ()  # filled by full_init()
        super().__init__(img_suffix=img_suffix, seg_map_suffix=seg_map_suffix,
                         ignore_index=ignore_index, reduce_zero_label=False, metainfo=metainfo,
                         data_root=data_root, lazy_init=lazy_init, **kwargs)

    def full_init(self) -> None:
        """Read the names file if it was absent at construction, then load."""
        if self._fully_initialized:
            return
        if len(self._metainfo.get('classes', ())) == 0:
            if not osp.isfile(self.classes_file):
                raise FileNotFoundError(
                    f'{self.classes_file} not found: run tools/dataset_converters/ade20k_full.py.')
            self._metainfo['classes'] = tuple(read_class_names(self.classes_file))
            self._metainfo['palette'] = self._update_palette()
        super().full_init()
