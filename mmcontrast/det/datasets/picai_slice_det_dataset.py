# Copyright (c) mmcontrast contributors. All rights reserved.
"""PI-CAI 2D slices with lesion boxes for mmdet (DCCL downstream variant B)."""
import os.path as osp
from typing import List, Optional, Sequence

from mmdet.datasets import BaseDetDataset
from mmdet.registry import DATASETS

from mmcontrast.utils.picai_slices import SLICE_KEYS, read_picai_slices


@DATASETS.register_module()
class PICAISliceDetDataset(BaseDetDataset):
    """Lesion detection on PI-CAI slices (DCCL, Ruppli et al., MILLanD 2023).

    Reads the annotation JSON of ``tools/dataset_converters/
    picai_to_slices.py``: one image per slice (``.npy``, load it with
    ``LoadNpySlice``), one ``lesion`` box per connected lesion component
    (``boxes``), and the case fields ``case_id`` / ``case_label`` used by
    ``BinaryAUC`` (case score = max box score).

    Args:
        folds (Sequence[int], optional): Folds to keep; all when None.
        drop_unknown_lesion (bool): Drop slices of cases without a
            delineation (positives with case-level outcome only). Defaults to
            False.
        **kwargs: :class:`mmdet.datasets.BaseDetDataset` arguments.
    """
    METAINFO = dict(classes=('lesion', ), palette=[(220, 20, 60)])

    def __init__(self, *args, folds: Optional[Sequence[int]] = None,
                 drop_unknown_lesion: bool = False, **kwargs) -> None:
        self.folds = None if folds is None else set(int(f) for f in folds)
        self.drop_unknown_lesion = drop_unknown_lesion
        super().__init__(*args, **kwargs)

    def load_data_list(self) -> List[dict]:
        """Slices of the selected folds with their boxes."""
        metainfo, entries = read_picai_slices(self.ann_file, self.folds,
                                              self.drop_unknown_lesion, SLICE_KEYS + ('boxes', ))
        crop = int(metainfo.get('crop', 0))
        prefix = self.data_prefix.get('img', '') or self.data_prefix.get('img_path', '')
        out = []
        for i, info in entries:
            out.append(dict(
                img_id=i, img_path=osp.join(prefix, info['img_path']), height=crop,
                width=crop, case_id=str(info['study_id']),
                case_label=int(info['case_csPCa']), lesion=int(info['lesion']),
                instances=[dict(bbox=[float(v) for v in b], bbox_label=0, ignore_flag=0)
                           for b in info['boxes']]))
        if not out:
            raise ValueError(f'{self.ann_file}: no slice left for folds {self.folds}.')
        return out
