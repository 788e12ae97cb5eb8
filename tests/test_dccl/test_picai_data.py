# Copyright (c) mmcontrast contributors. All rights reserved.
"""PI-CAI converter on the mini .mha volumes, patient-level folds, slice datasets."""
import csv
import json
import os.path as osp
from collections import defaultdict

import numpy as np
import pytest

from mmcontrast.pretrain.datasets import (PICAISliceDataset, PIRADSConfidence,
                                          patient_stratified_folds)
from mmcontrast.pretrain.datasets.picai_conversion import convert_picai


@pytest.fixture(scope='module')
def picai_root(mini_data_root):
    return osp.join(mini_data_root, 'picai')


@pytest.fixture(scope='module')
def converted(picai_root, tmp_path_factory):
    out = str(tmp_path_factory.mktemp('picai_slices'))
    ann = convert_picai(picai_root, out, crop=24, num_folds=5, seed=3)
    with open(ann) as f:
        return out, json.load(f)


def test_converter_on_mini_volumes(picai_root, converted):
    import SimpleITK as sitk
    out, ann = converted
    data = ann['data_list']
    with open(osp.join(picai_root, 'picai_labels/clinical_information/marksheet.csv')) as f:
        cases = list(csv.DictReader(f))
    assert len(data) == 8 * len(cases)
    first = data[0]
    x = np.load(osp.join(out, 'slices', first['img_path']))
    assert x.shape == (24, 24, 3) and x.dtype == np.float32  # ADC/HBV resampled onto T2W
    # lesion flags and boxes follow the (resampled) human-expert masks
    pid, sid = first['patient_id'], first['study_id']
    t2w = sitk.ReadImage(osp.join(picai_root, 'images', pid, f'{pid}_{sid}_t2w.mha'))
    adc = sitk.ReadImage(osp.join(picai_root, 'images', pid, f'{pid}_{sid}_adc.mha'))
    assert t2w.GetSize() == (32, 32, 8) and adc.GetSize() == (16, 16, 8)
    by_case = defaultdict(list)
    for d in data:
        by_case[d['study_id']].append(d)
    for sid, ds in by_case.items():
        src = {d['delineation'] for d in ds}
        assert len(src) == 1
        if ds[0]['case_csPCa'] == 0:
            assert all(d['lesion'] == 0 and not d['boxes'] for d in ds)
        elif src == {'none'}:
            assert all(d['lesion'] == -1 for d in ds)
        else:
            assert any(d['lesion'] == 1 for d in ds)
            assert all(bool(d['boxes']) == (d['lesion'] == 1) for d in ds)
            for d in ds:
                for x1, y1, x2, y2 in d['boxes']:
                    assert 0 <= x1 < x2 <= 24 and 0 <= y1 < y2 <= 24
    # metadata = PIRADSConfidence on the side-car JSON, computed once per exam
    with open(osp.join(picai_root, 'metadata', 'pirads_reports.json')) as f:
        meta = PIRADSConfidence()(json.load(f))
    for sid, ds in by_case.items():
        assert (ds[0]['meta_label'], ds[0]['meta_conf']) == tuple(meta.get(sid, (-1, -1.0)))


def test_folds_keep_patients_whole(converted):
    _, ann = converted
    fold_of = defaultdict(set)
    for d in ann['data_list']:
        fold_of[d['patient_id']].add(d['fold'])
    assert all(len(f) == 1 for f in fold_of.values())
    assert {f for s in fold_of.values() for f in s} == set(range(5))
    # function level: stratified and deterministic
    rng = np.random.default_rng(0)
    pids = [str(p) for p in rng.integers(0, 60, 100)]
    cases = [f'c{i}' for i in range(100)]
    y = [int(p) % 3 == 0 for p in pids]
    f1 = patient_stratified_folds(cases, pids, y, 5, seed=1)
    assert f1 == patient_stratified_folds(cases, pids, y, 5, seed=1)
    per_patient = defaultdict(set)
    for c, p in zip(cases, pids):
        per_patient[p].add(f1[c])
    assert all(len(v) == 1 for v in per_patient.values())
    with pytest.raises(ValueError, match='patients'):
        patient_stratified_folds(['a', 'b'], ['p', 'p'], [0, 1], 5)


def test_slice_datasets(converted, picai_root):
    out, ann = converted
    ds = PICAISliceDataset(ann_file=osp.join(out, 'annotations.json'), data_root=out,
                           data_prefix=dict(img_path='slices'), folds=[1, 2],
                           drop_unknown_lesion=True,
                           reports_file=osp.join(picai_root, 'metadata/pirads_reports.json'),
                           confidence=dict(mode='code'))
    assert len(ds) > 0
    info = ds.get_data_info(0)
    assert info['fold'] in (1, 2) and info['gt_label'] >= 0 and osp.isfile(info['img_path'])
    assert info['meta_conf'] == -1.0 or info['meta_conf'] >= 1 / 7  # code-mode confidences
    from mmcontrast.det.datasets import PICAISliceDetDataset
    det = PICAISliceDetDataset(ann_file=osp.join(out, 'annotations.json'), data_root=out,
                               data_prefix=dict(img='slices'), folds=[0], pipeline=[])
    n_boxes = sum(len(det.get_data_info(i)['instances']) for i in range(len(det)))
    n_ref = sum(len(d['boxes']) for d in ann['data_list'] if d['fold'] == 0)
    assert n_boxes == n_ref
