# Copyright (c) mmcontrast contributors. All rights reserved.
"""Patient-level stratified K-fold assignment of cases."""
from typing import Dict, Sequence

import numpy as np


def patient_stratified_folds(case_ids: Sequence[str], patient_ids: Sequence[str],
                             labels: Sequence[int], num_folds: int = 5,
                             seed: int = 0) -> Dict[str, int]:
    """Assign every case to one of ``num_folds`` folds, keeping patients whole.

    Uses scikit-learn's ``StratifiedGroupKFold`` (stratified on the case
    label, grouped by patient, shuffled with ``seed``), so all cases of a
    patient land in the same fold.

    Args:
        case_ids (Sequence[str]): One id per case.
        patient_ids (Sequence[str]): Patient of each case.
        labels (Sequence[int]): Case label to stratify on (e.g. csPCa).
        num_folds (int): Defaults to 5.
        seed (int): Defaults to 0.

    Returns:
        dict[str, int]: case id -> fold index in ``[0, num_folds)``.
    """
    from sklearn.model_selection import StratifiedGroupKFold
    if not len(case_ids) == len(patient_ids) == len(labels):
        raise ValueError('case_ids, patient_ids and labels must have the same length.')
    if len(set(case_ids)) != len(case_ids):
        raise ValueError('case_ids must be unique.')
    n_patients = len(set(patient_ids))
    if n_patients < num_folds:
        raise ValueError(f'{n_patients} patients cannot fill {num_folds} folds.')
    skf = StratifiedGroupKFold(n_splits=num_folds, shuffle=True, random_state=seed)
    folds = {}
    y = np.asarray(labels)
    for k, (_, test) in enumerate(skf.split(np.zeros(len(y)), y, groups=list(patient_ids))):
        for i in test:
            folds[str(case_ids[i])] = k
    return folds
