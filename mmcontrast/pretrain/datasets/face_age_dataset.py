# Copyright (c) mmcontrast contributors. All rights reserved.
"""Face-age dataset on the canonical annotation JSON (age.md §4)."""
import os.path as osp
from typing import List, Optional, Sequence

import numpy as np
from mmengine.dataset import BaseDataset
from mmpretrain.registry import DATASETS

from .face_age_annotations import load_annotations


@DATASETS.register_module()
class FaceAgeDataset(BaseDataset):
    """Face images with an age and a subject id (FG-NET, MORPH-II, mini face-age).

    Each data info holds ``img_path``, ``gt_age`` (float, raw) and
    ``subject_id`` (int index of the subject, in sorted order of the
    annotation's ids); pack the last two with
    ``PackInputs(algorithm_keys=('gt_age', 'subject_id'))``.

    Args:
        ann_file (str): Canonical JSON (list of ``{img_path, age, subject_id}``).
        data_root (str): Root of ``ann_file`` and the images.
        data_prefix (dict): ``dict(img_path='images')``: image folder.
        lopo_fold (int, optional): Leave-one-person-out fold k: the k-th
            subject (sorted ids) is held out. Defaults to None (all images).
        lopo_split (str): ``'train'`` (all but the fold's subject) or
            ``'test'`` (only that subject). Defaults to 'train'.
        **kwargs: ``BaseDataset`` arguments (pipeline, lazy_init, ...).
    """

    METAINFO = dict(task='age')

    def __init__(self,
                 ann_file: str,
                 data_root: str = '',
                 data_prefix: dict = dict(img_path=''),
                 lopo_fold: Optional[int] = None,
                 lopo_split: str = 'train',
                 **kwargs):
        if lopo_split not in ('train', 'test'):
            raise ValueError(f"lopo_split must be 'train' or 'test', got {lopo_split!r}.")
        self.lopo_fold, self.lopo_split = lopo_fold, lopo_split
        super().__init__(ann_file=ann_file, data_root=data_root, data_prefix=data_prefix,
                         **kwargs)

    def load_data_list(self) -> List[dict]:
        """Read the JSON, apply the LOPO fold."""
        items = load_annotations(self.ann_file)
        ids = sorted({str(it['subject_id']) for it in items})
        index = {s: i for i, s in enumerate(ids)}
        if self.lopo_fold is not None:
            if not 0 <= self.lopo_fold < len(ids):
                raise ValueError(f'lopo_fold={self.lopo_fold} but {self.ann_file} has '
                                 f'{len(ids)} subjects (folds 0..{len(ids) - 1}).')
            held = ids[self.lopo_fold]
            keep = (lambda s: s == held) if self.lopo_split == 'test' else (lambda s: s != held)
            items = [it for it in items if keep(str(it['subject_id']))]
        prefix = self.data_prefix.get('img_path', '')
        return [
            dict(img_path=osp.join(prefix, it['img_path']), gt_age=float(it['age']),
                 subject_id=index[str(it['subject_id'])]) for it in items
        ]

    @property
    def ages(self) -> np.ndarray:
        """(N,) float ages."""
        return np.array([self.get_data_info(i)['gt_age'] for i in range(len(self))])

    @property
    def subject_ids(self) -> np.ndarray:
        """(N,) int subject indices."""
        return np.array([self.get_data_info(i)['subject_id'] for i in range(len(self))])

    def subjects(self) -> Sequence[int]:
        """Sorted distinct subject indices present."""
        return sorted(set(self.subject_ids.tolist()))
