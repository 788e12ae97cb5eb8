# Copyright (c) mmcontrast contributors. All rights reserved.
"""PI-CAI 2D slices (converted by ``tools/dataset_converters/picai_to_slices.py``)."""
import json
import os.path as osp
from typing import List, Optional, Sequence

from mmengine.dataset import BaseDataset
from mmpretrain.registry import DATASETS

from mmcontrast.utils.picai_slices import read_picai_slices
from .pirads_confidence import PIRADSConfidence


@DATASETS.register_module()
class PICAISliceDataset(BaseDataset):
    """3-channel (T2W, ADC, HBV) PI-CAI slices with per-slice annotations.

    For DCCL pretraining (Ruppli et al., MILLanD 2023) and the slice
    classifier. The annotation file is the converter's JSON
    (``{"metainfo": ..., "data_list": [...]}``); each entry has
    ``img_path`` (``.npy``), ``patient_id``, ``study_id``, ``slice_idx``,
    ``lesion`` (0/1, -1 when the case has no delineation), ``case_csPCa``,
    ``meta_label``, ``meta_conf`` and ``fold`` (patient-level stratified,
    assigned once by the converter). Each sample gets ``gt_label`` (=
    ``lesion``), ``case_id`` (= study id) and ``case_label``.

    Args:
        ann_file (str): Annotation JSON.
        folds (Sequence[int], optional): Folds to keep; all when None.
        drop_unknown_lesion (bool): Drop slices without a slice label (cases
            without delineation); set for the slice classifier. Defaults to
            False.
        reports_file (str, optional): ``{study_id: [pirads, ...]}`` JSON; when
            given, ``meta_label`` / ``meta_conf`` are recomputed here, once,
            with ``confidence`` (so the mode can change without re-converting).
        confidence (dict): ``PIRADSConfidence`` arguments. Defaults to
            ``dict(mode='paper', eps=0.1)``.
        **kwargs: :class:`mmengine.dataset.BaseDataset` arguments.
    """

    def __init__(self, ann_file: str, folds: Optional[Sequence[int]] = None,
                 drop_unknown_lesion: bool = False, reports_file: Optional[str] = None,
                 confidence: dict = dict(mode='paper', eps=0.1), **kwargs) -> None:
        self.folds = None if folds is None else set(int(f) for f in folds)
        self.drop_unknown_lesion = drop_unknown_lesion
        self.reports_file = reports_file
        self.confidence = dict(confidence)
        super().__init__(ann_file=ann_file, **kwargs)

    def _metadata(self) -> Optional[dict]:
        if self.reports_file is None:
            return None
        path = self.reports_file
        if self.data_root and not osp.isabs(path):
            path = osp.join(self.data_root, path)
        with open(path) as f:
            table = json.load(f)
        return PIRADSConfidence(**self.confidence)(table)

    def load_data_list(self) -> List[dict]:
        """Read, filter by fold and attach the per-exam metadata."""
        _, entries = read_picai_slices(self.ann_file, self.folds, self.drop_unknown_lesion)
        meta = self._metadata()
        prefix = self.data_prefix.get('img_path', '') or self.data_root or ''
        out = []
        for _, info in entries:
            info = dict(info)
            info['img_path'] = osp.join(prefix, info['img_path'])
            if meta is not None:
                info['meta_label'], info['meta_conf'] = meta.get(str(info['study_id']),
                                                                 (-1, -1.0))
            info.setdefault('meta_label', -1)
            info.setdefault('meta_conf', -1.0)
            info['gt_label'] = int(info['lesion'])
            info['case_id'] = str(info['study_id'])
            info['case_label'] = int(info['case_csPCa'])
            out.append(info)
        if not out:
            raise ValueError(f'{self.ann_file}: no slice left for folds {self.folds}.')
        return out
