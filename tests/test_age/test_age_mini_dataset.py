# Copyright (c) mmcontrast contributors. All rights reserved.
"""The mini face-age generator: FG-NET layout, subject-exclusive splits, determinism."""
import hashlib
import os
import os.path as osp

import pytest

from mmcontrast.mini_datasets import GENERATORS
from mmcontrast.pretrain.datasets.face_age_annotations import load_annotations


def _digest(folder):
    h = hashlib.sha256()
    for dirpath, _, files in sorted(os.walk(folder)):
        for f in sorted(files):
            h.update(f.encode())
            with open(osp.join(dirpath, f), 'rb') as fh:
                h.update(fh.read())
    return h.hexdigest()


@pytest.mark.slow  # two generations, ~10 s each on an idle core
def test_face_age_generator(tmp_path):
    gen = GENERATORS['face_age']
    gen(str(tmp_path / 'a'), 3, num_writers=4, per_age=2, num_train_writers=3)
    gen(str(tmp_path / 'b'), 3, num_writers=4, per_age=2, num_train_writers=3)
    assert _digest(tmp_path / 'a') == _digest(tmp_path / 'b')
    all_ = load_annotations(str(tmp_path / 'a' / 'annotations' / 'all.json'))
    train = load_annotations(str(tmp_path / 'a' / 'annotations' / 'train.json'))
    test = load_annotations(str(tmp_path / 'a' / 'annotations' / 'test.json'))
    assert len(all_) == 4 * 10 * 2 and len(train) + len(test) == len(all_)
    assert {i['subject_id'] for i in test} == {4}
    assert sorted(os.listdir(tmp_path / 'a' / 'images'))[:2] == ['001A00.JPG', '001A00a.JPG']
