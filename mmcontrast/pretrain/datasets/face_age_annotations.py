# Copyright (c) mmcontrast contributors. All rights reserved.
"""Canonical face-age annotation: a JSON list of ``{img_path, age, subject_id}`` (age.md §4).

Parsers of the two datasets' native metadata live here (not in the converter
scripts) so that the mini face-age generator and the tests share them.
"""
import csv
import json
import os
import os.path as osp
import re
from typing import Dict, List, Sequence

#: FG-NET file name: ``<SSS>A<AA>[a|b].JPG`` (e.g. ``001A02.JPG``, ``001A43a.JPG``).
FGNET_NAME = re.compile(r'^(\d{3})A(\d{2})([a-z]?)\.(jpe?g|png)$', re.IGNORECASE)


def parse_fgnet_name(name: str) -> Dict:
    """Subject and age of an FG-NET file name.

    Args:
        name (str): Base name such as ``'001A43a.JPG'``.

    Returns:
        dict: ``{'subject_id': 1, 'age': 43}``.
    """
    m = FGNET_NAME.match(osp.basename(name))
    if m is None:
        raise ValueError(f'{name!r} is not an FG-NET file name (<SSS>A<AA>[a|b].JPG, '
                         "e.g. '001A02.JPG'); remove it from the images folder.")
    return dict(subject_id=int(m.group(1)), age=int(m.group(2)))


def fgnet_annotations(img_dir: str, prefix: str = '') -> List[Dict]:
    """Annotations of every image in an FG-NET images folder, sorted by name."""
    names = sorted(n for n in os.listdir(img_dir) if not n.startswith('.'))
    if not names:
        raise FileNotFoundError(f'No image in {img_dir!r}.')
    return [dict(img_path=osp.join(prefix, n), **parse_fgnet_name(n)) for n in names]


#: Accepted MORPH-II CSV column names -> canonical field.
MORPH_COLUMNS = {
    'subject_id': ('id_num', 'subject_id', 'id'),
    'age': ('age', ),
    'img_path': ('photo', 'img_path', 'filepath', 'file'),
}


def morph2_annotations(csv_file: str) -> List[Dict]:
    """Annotations of the MORPH-II (Album 2) per-image CSV.

    The CSV carries subject id (``id_num``), ``age`` and the image path
    (``photo``); the alternative column names in :data:`MORPH_COLUMNS` are
    accepted.
    """
    with open(csv_file, newline='') as f:
        reader = csv.DictReader(f)
        header = {h.strip().lower(): h for h in (reader.fieldnames or [])}
        cols = {}
        for key, names in MORPH_COLUMNS.items():
            found = [header[n] for n in names if n in header]
            if not found:
                raise KeyError(f'{csv_file}: no column for {key!r} (expected one of {names}); '
                               f'header is {reader.fieldnames}.')
            cols[key] = found[0]
        out = []
        for line, row in enumerate(reader, start=2):
            try:
                out.append(dict(img_path=row[cols['img_path']].strip(),
                                age=float(row[cols['age']]),
                                subject_id=str(row[cols['subject_id']]).strip()))
            except (TypeError, ValueError) as e:
                raise ValueError(f'{csv_file}:{line}: bad row {row} ({e}).') from e
    if not out:
        raise ValueError(f'{csv_file}: no rows.')
    return out


def write_annotations(items: Sequence[Dict], path: str) -> None:
    """Write a canonical annotation list (creates the folder)."""
    os.makedirs(osp.dirname(osp.abspath(path)), exist_ok=True)
    with open(path, 'w') as f:
        json.dump(list(items), f, indent=0)


def load_annotations(path: str) -> List[Dict]:
    """Read and validate a canonical annotation list."""
    with open(path) as f:
        items = json.load(f)
    if not isinstance(items, list) or not items:
        raise ValueError(f'{path}: expected a non-empty JSON list of '
                         '{img_path, age, subject_id}.')
    for i, it in enumerate(items):
        missing = {'img_path', 'age', 'subject_id'} - set(it)
        if missing:
            raise KeyError(f'{path}: item {i} lacks {sorted(missing)}; regenerate it with '
                           'tools/dataset_converters/{fgnet,morph2}_to_json.py.')
    return items
