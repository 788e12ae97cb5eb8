# Copyright (c) mmcontrast contributors. All rights reserved.
"""Mini PI-CAI: real ``.mha`` volumes in the published layout, from scikit-learn digits.

Each case is a stack of 8 axial slices. T2W: 32x32 at 0.5 mm (3 mm slices);
ADC and HBV: 16x16 at 1.0 mm over the same field of view (so the converter
really resamples them). A slice shows a digit (scikit-learn ``load_digits``,
upsampled); "lesion" slices show a digit >= 5 and are delineated by the
digit strokes (connected components -> boxes). csPCa cases (~35 %) have 3-5
lesion slices, the others none. Delineations: ISUP 2-5 masks in
``human_expert/resampled`` (label-1 masks in ``AI/Bosma22a`` for some
positives, none for two positives: case-level only). Four patients have two
studies. The simulated multi-report metadata follows DCCL spec §8.7: 20 % of
exams have no entry; the others get n ~ U{0..7} reports, each "3" with
probability 0.1, else correct with probability 0.8 (PI-RADS {1,2} for
negatives, {4,5} for positives). ``slices/`` holds the converted set
(``picai_to_slices.py --crop 32``, 5 patient-level folds).
"""
import csv
import json
import os
import os.path as osp

import numpy as np

N_PATIENTS = 80
N_SLICES = 8
SIZE = 32


def _digit_images():
    import cv2
    from sklearn.datasets import load_digits
    d = load_digits()
    imgs = np.stack([cv2.resize(im.astype(np.float32) / 16., (SIZE, SIZE),
                                interpolation=cv2.INTER_LINEAR) for im in d.images])
    return imgs, d.target


def _reports(rng, positive):
    n = int(rng.integers(0, 8))
    out = []
    for _ in range(n):
        if rng.random() < 0.1:
            out.append(3)
            continue
        correct = rng.random() < 0.8
        pos = positive if correct else not positive
        out.append(int(rng.choice([4, 5] if pos else [1, 2])))
    return out


def make_picai_style(out_dir: str, seed: int = 0) -> None:
    """Write the mini PI-CAI tree (and its converted slices) under ``out_dir``."""
    import SimpleITK as sitk
    rng = np.random.default_rng(seed)
    imgs, target = _digit_images()
    small = [i for i in range(len(target)) if target[i] < 5]
    large = [i for i in range(len(target)) if target[i] >= 5]
    lab_dir = osp.join(out_dir, 'picai_labels')
    human = osp.join(lab_dir, 'csPCa_lesion_delineations', 'human_expert', 'resampled')
    ai = osp.join(lab_dir, 'csPCa_lesion_delineations', 'AI', 'Bosma22a')
    for d in (human, ai, osp.join(lab_dir, 'clinical_information'),
              osp.join(out_dir, 'metadata')):
        os.makedirs(d, exist_ok=True)

    def write(arr, spacing, path, origin=(0., 0., 0.)):
        img = sitk.GetImageFromArray(arr)
        img.SetSpacing(spacing)
        img.SetOrigin(origin)
        sitk.WriteImage(img, path, useCompression=True)

    rows, reports, n_pos_cases = [], {}, 0
    study = 1000000
    for p in range(N_PATIENTS):
        pid = str(10000 + p)
        os.makedirs(osp.join(out_dir, 'images', pid), exist_ok=True)
        for _ in range(2 if p % 10 == 0 else 1):
            sid = str(study)
            study += 1
            positive = bool(rng.random() < 0.35)
            n_pos_cases += positive
            n_les = int(rng.integers(3, 6)) if positive else 0
            les_slices = set(rng.choice(N_SLICES, n_les, replace=False).tolist())
            t2w = np.zeros((N_SLICES, SIZE, SIZE), np.float32)
            mask = np.zeros((N_SLICES, SIZE, SIZE), np.uint8)
            isup = int(rng.integers(2, 6))
            for k in range(N_SLICES):
                idx = int(rng.choice(large if k in les_slices else small))
                t2w[k] = imgs[idx]
                if k in les_slices:
                    mask[k] = (imgs[idx] > 0.5).astype(np.uint8) * isup
            noise = lambda s: rng.normal(0, 0.05, s).astype(np.float32)  # noqa: E731
            t2w_mr = 300 + 700 * t2w + 30 * noise(t2w.shape) / 0.05
            half = t2w.reshape(N_SLICES, SIZE // 2, 2, SIZE // 2, 2).mean((2, 4))
            adc = 1500 - 900 * half + 40 * noise(half.shape) / 0.05
            hbv = 10 + 40 * half + 2 * noise(half.shape) / 0.05
            base = osp.join(out_dir, 'images', pid, f'{pid}_{sid}')
            write(t2w_mr.astype(np.float32), (0.5, 0.5, 3.0), base + '_t2w.mha')
            for name, arr in (('adc', adc), ('hbv', hbv)):
                write(arr.astype(np.float32), (1.0, 1.0, 3.0), f'{base}_{name}.mha',
                      origin=(0.25, 0.25, 0.))
            if not positive:
                write(mask, (0.5, 0.5, 3.0), osp.join(human, f'{pid}_{sid}.nii.gz'))
            elif n_pos_cases in (3, 7):
                pass  # case-level outcome only
            elif n_pos_cases % 4 == 1:
                write((mask > 0).astype(np.uint8), (0.5, 0.5, 3.0),
                      osp.join(ai, f'{pid}_{sid}.nii.gz'))
            else:
                write(mask, (0.5, 0.5, 3.0), osp.join(human, f'{pid}_{sid}.nii.gz'))
            rows.append(dict(patient_id=pid, study_id=sid, mri_date='2020-01-01',
                             patient_age=int(rng.integers(50, 80)),
                             psa=round(float(rng.uniform(2, 20)), 1), psad='', prostate_volume='',
                             histopath_type='MRBx' if positive else '',
                             lesion_GS=f'{isup}' if positive else 'N/A',
                             lesion_ISUP=f'{isup}' if positive else 'N/A',
                             case_ISUP=isup if positive else 0,
                             case_csPCa='YES' if positive else 'NO'))
            if rng.random() >= 0.2:
                reports[sid] = _reports(rng, positive)
    with open(osp.join(lab_dir, 'clinical_information', 'marksheet.csv'), 'w',
              newline='') as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    with open(osp.join(out_dir, 'metadata', 'pirads_reports.json'), 'w') as f:
        json.dump(reports, f, indent=0)
    from mmcontrast.pretrain.datasets.picai_conversion import convert_picai
    convert_picai(out_dir, osp.join(out_dir, 'slices'), crop=SIZE, num_folds=5, seed=seed)
