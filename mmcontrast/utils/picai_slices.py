# Copyright (c) mmcontrast contributors. All rights reserved.
"""Reading the PI-CAI slice annotations shared by the DCCL datasets of both hosts."""
import json
from typing import Iterator, Optional, Sequence, Set, Tuple

SLICE_KEYS = ('img_path', 'study_id', 'lesion', 'case_csPCa', 'fold')


def read_picai_slices(ann_file: str, folds: Optional[Set[int]], drop_unknown_lesion: bool,
                      required: Sequence[str] = SLICE_KEYS
                      ) -> Tuple[dict, Iterator[Tuple[int, dict]]]:
    """Read the JSON of ``tools/dataset_converters/picai_to_slices.py``.

    Args:
        ann_file (str): The annotation JSON (``{"metainfo": ..., "data_list": [...]}``).
        folds (set[int], optional): Keep the slices of these folds; None keeps all.
        drop_unknown_lesion (bool): Skip slices whose ``lesion`` is unknown (< 0).
        required (Sequence[str]): Keys every entry must have.

    Returns:
        tuple: the file's ``metainfo`` dict and an iterator of ``(index, entry)``
        over the kept entries (index in the file's ``data_list``).

    Raises:
        ValueError: the file is not the converter's JSON.
        KeyError: an entry lacks a required key (named with the file).
    """
    with open(ann_file) as f:
        ann = json.load(f)
    if not isinstance(ann, dict) or 'data_list' not in ann:
        raise ValueError(f'{ann_file}: expected the JSON written by '
                         'tools/dataset_converters/picai_to_slices.py (with "data_list").')

    def entries():
        for i, info in enumerate(ann['data_list']):
            for key in required:
                if key not in info:
                    raise KeyError(f'{ann_file}: entry without `{key}`: {info}')
            if folds is not None and int(info['fold']) not in folds:
                continue
            if drop_unknown_lesion and int(info['lesion']) < 0:
                continue
            yield i, info

    return ann.get('metainfo', {}) or {}, entries()
