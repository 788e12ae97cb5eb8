# Copyright (c) mmcontrast contributors. All rights reserved.
"""mmpretrain's ``CustomDataset`` with errors that name the list file and line."""
from typing import List

from mmengine.fileio import list_from_file
from mmpretrain.datasets import CustomDataset
from mmpretrain.registry import DATASETS


@DATASETS.register_module(name='CustomDataset', force=True)
class CheckedCustomDataset(CustomDataset):
    """``CustomDataset`` (mmpretrain) that validates its annotation list.

    Registered under mmpretrain's name (``force=True``, at ``import
    mmcontrast.pretrain``) so the CoNe/CLLD configs get the checks unchanged.
    mmpretrain accepts a malformed ``ann_file`` line with a bare ``ValueError``
    (no file, no line), an empty list (failing later in the sampler), and
    labels >= the number of classes (failing later inside the loss as an
    index error). Here each raises naming the file and the line:

    * a line that is not ``<path> <integer label>`` (when labelled);
    * a label < 0 or >= ``len(classes)`` (when ``classes`` are known);
    * no samples at all.
    """

    def load_data_list(self) -> List[dict]:
        if self.ann_file and self.with_label:
            num_classes = len(self.metainfo.get('classes', ()) or ())
            for lineno, line in enumerate(list_from_file(self.ann_file), 1):
                if not line.strip():
                    raise ValueError(f'{self.ann_file}, line {lineno}: empty line (mmpretrain '
                                     'reads every line as "<image path> <label>")')
                parts = line.strip().rsplit(' ', 1)
                try:
                    label = int(parts[1]) if len(parts) == 2 else None
                except ValueError:
                    label = None
                if label is None:
                    raise ValueError(f'{self.ann_file}, line {lineno}: expected "<image path> '
                                     f'<integer label>", got {line.strip()!r}')
                if label < 0 or (num_classes and label >= num_classes):
                    raise ValueError(
                        f'{self.ann_file}, line {lineno}: label {label} is outside '
                        f'[0, {num_classes}) for the {num_classes} classes of the dataset '
                        '(metainfo.classes); fix the list or the classes.')
        data_list = super().load_data_list()
        if not data_list:
            raise ValueError(
                f'{type(self).__name__}: no samples found (data_root={self.data_root!r}, '
                f'ann_file={self.ann_file!r}, data_prefix={self.data_prefix}).')
        return data_list
