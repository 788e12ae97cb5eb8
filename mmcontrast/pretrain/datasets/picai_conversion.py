# Copyright (c) mmcontrast contributors. All rights reserved.
"""PI-CAI volumes (published layout) -> registered 3-channel 2D slices.

Reads, per case of the marksheet, ``images/<pid>/<pid>_<sid>_{t2w,adc,hbv}.mha``
and the lesion delineation (``picai_labels/csPCa_lesion_delineations/
human_expert/resampled/<pid>_<sid>.nii.gz``, else ``AI/Bosma22a/...``) with
SimpleITK, resamples ADC/HBV (linear) and the mask (nearest) onto the T2W
grid, clips each modality to its [1, 99] percentiles and z-scores it per
exam, centre-crops (zero-pads) every axial slice to ``crop`` and writes
``slices/<pid>_<sid>_<k>.npy`` (H, W, 3) float32 plus one annotation JSON
(mmengine format) with per-slice ``lesion``, ``boxes`` (connected lesion
components), the case's ``case_csPCa``, the exam metadata ``meta_label`` /
``meta_conf`` (:class:`PIRADSConfidence` on ``metadata/pirads_reports.json``)
and a patient-level stratified ``fold``.
"""
import csv
import json
import os
import os.path as osp
from typing import List, Optional, Tuple

import numpy as np

from .patient_folds import patient_stratified_folds
from .pirads_confidence import PIRADSConfidence

MODALITIES = ('t2w', 'adc', 'hbv')
DELINEATIONS = ('picai_labels/csPCa_lesion_delineations/human_expert/resampled',
                'picai_labels/csPCa_lesion_delineations/AI/Bosma22a')
MARKSHEET = 'picai_labels/clinical_information/marksheet.csv'
REPORTS = 'metadata/pirads_reports.json'


def read_marksheet(path: str) -> List[dict]:
    """Rows of the marksheet with ``patient_id``, ``study_id``, ``case_csPCa`` (0/1)."""
    if not osp.isfile(path):
        raise FileNotFoundError(f'PI-CAI marksheet not found: {path} (expected under '
                                f'<root>/{MARKSHEET}).')
    rows = []
    with open(path, newline='') as f:
        for row in csv.DictReader(f):
            for key in ('patient_id', 'study_id', 'case_csPCa'):
                if key not in row:
                    raise KeyError(f'{path}: column `{key}` missing.')
            v = row['case_csPCa'].strip().upper()
            if v not in ('YES', 'NO', '1', '0'):
                raise ValueError(f'{path}: case_csPCa must be YES/NO, got {v!r}.')
            rows.append(dict(patient_id=row['patient_id'].strip(),
                             study_id=row['study_id'].strip(),
                             case_csPCa=int(v in ('YES', '1'))))
    return rows


def _normalise(vol: np.ndarray) -> np.ndarray:
    lo, hi = np.percentile(vol, (1, 99))
    vol = np.clip(vol, lo, hi)
    return (vol - vol.mean()) / max(float(vol.std()), 1e-6)


def _centre_crop(vol: np.ndarray, crop: int) -> np.ndarray:
    """Centre-crop / zero-pad the last two axes of (..., H, W) to ``crop``."""
    out = np.zeros(vol.shape[:-2] + (crop, crop), vol.dtype)
    h, w = vol.shape[-2:]
    sy, sx = max((h - crop) // 2, 0), max((w - crop) // 2, 0)
    dy, dx = max((crop - h) // 2, 0), max((crop - w) // 2, 0)
    ch, cw = min(h, crop), min(w, crop)
    out[..., dy:dy + ch, dx:dx + cw] = vol[..., sy:sy + ch, sx:sx + cw]
    return out


def lesion_boxes(mask2d: np.ndarray) -> List[List[float]]:
    """[x1, y1, x2, y2] of each 8-connected component of ``mask2d > 0``."""
    from skimage.measure import label, regionprops
    return [[float(r.bbox[1]), float(r.bbox[0]), float(r.bbox[3]), float(r.bbox[2])]
            for r in regionprops(label(mask2d > 0, connectivity=2))]


def load_case(root: str, pid: str, sid: str) -> Tuple[np.ndarray, Optional[np.ndarray], str]:
    """(S, H, W, 3) float32 registered volume on the T2W grid, (S, H, W) mask or None."""
    import SimpleITK as sitk
    paths = [osp.join(root, 'images', pid, f'{pid}_{sid}_{m}.mha') for m in MODALITIES]
    for p in paths:
        if not osp.isfile(p):
            raise FileNotFoundError(f'PI-CAI volume missing: {p}')
    t2w = sitk.ReadImage(paths[0], sitk.sitkFloat32)
    chans = [sitk.GetArrayFromImage(t2w)]
    for p in paths[1:]:
        img = sitk.Resample(sitk.ReadImage(p, sitk.sitkFloat32), t2w, sitk.Transform(),
                            sitk.sitkLinear, 0.0, sitk.sitkFloat32)
        chans.append(sitk.GetArrayFromImage(img))
    vol = np.stack([_normalise(c) for c in chans], -1).astype(np.float32)  # (S, H, W, 3)
    mask, source = None, 'none'
    for sub in DELINEATIONS:
        mp = osp.join(root, sub, f'{pid}_{sid}.nii.gz')
        if osp.isfile(mp):
            m = sitk.Resample(sitk.ReadImage(mp), t2w, sitk.Transform(),
                              sitk.sitkNearestNeighbor, 0, sitk.sitkUInt8)
            mask, source = sitk.GetArrayFromImage(m), sub.split('/')[-2]
            break
    return vol, mask, source


def convert_picai(root: str, out_dir: str, crop: int = 128, num_folds: int = 5,
                  seed: int = 0, confidence: dict = dict(mode='paper', eps=0.1),
                  ann_name: str = 'annotations.json') -> str:
    """Convert a PI-CAI tree into slices + one annotation JSON; returns its path.

    Args:
        root (str): Folder with ``images/``, ``picai_labels/`` and
            ``metadata/pirads_reports.json`` (optional; missing exams are
            unlabeled).
        out_dir (str): Output folder (``slices/`` + ``ann_name``).
        crop (int): Centre crop of the T2W grid. Defaults to 128.
        num_folds (int): Patient-level stratified folds. Defaults to 5.
        seed (int): Fold seed. Defaults to 0.
        confidence (dict): :class:`PIRADSConfidence` arguments.
        ann_name (str): Defaults to 'annotations.json'.
    """
    cases = read_marksheet(osp.join(root, MARKSHEET))
    rp = osp.join(root, REPORTS)
    table = {}
    if osp.isfile(rp):
        with open(rp) as f:
            table = json.load(f)
    meta = PIRADSConfidence(**confidence)(table)
    folds = patient_stratified_folds([c['study_id'] for c in cases],
                                     [c['patient_id'] for c in cases],
                                     [c['case_csPCa'] for c in cases], num_folds, seed)
    os.makedirs(osp.join(out_dir, 'slices'), exist_ok=True)
    data_list = []
    for c in cases:
        pid, sid = c['patient_id'], c['study_id']
        vol, mask, source = load_case(root, pid, sid)
        vol = _centre_crop(vol.transpose(0, 3, 1, 2), crop).transpose(0, 2, 3, 1)
        if mask is not None:
            mask = _centre_crop(mask, crop)
        label, conf = meta.get(sid, (-1, -1.0))
        for k in range(vol.shape[0]):
            name = f'{pid}_{sid}_{k:03d}.npy'
            np.save(osp.join(out_dir, 'slices', name), np.ascontiguousarray(vol[k]))
            if mask is None:  # no delineation: negatives are lesion-free, positives unknown
                lesion, boxes = (-1 if c['case_csPCa'] else 0), []
            else:
                boxes = lesion_boxes(mask[k])
                lesion = int(bool(boxes))
            data_list.append(dict(img_path=name, patient_id=pid, study_id=sid, slice_idx=k,
                                  lesion=lesion, boxes=boxes, case_csPCa=c['case_csPCa'],
                                  meta_label=int(label), meta_conf=float(conf),
                                  fold=folds[sid], delineation=source))
    ann = dict(metainfo=dict(dataset='PI-CAI slices', modalities=list(MODALITIES),
                             crop=crop, num_folds=num_folds, fold_seed=seed,
                             confidence=dict(confidence)),
               data_list=data_list)
    path = osp.join(out_dir, ann_name)
    with open(path, 'w') as f:
        json.dump(ann, f)
    return path
