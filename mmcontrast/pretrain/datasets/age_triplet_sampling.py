# Copyright (c) mmcontrast contributors. All rights reserved.
"""Per-anchor (positive, negative) draws of contrastive age estimation (age.md §3).

* positive: a **different subject** with ``|y_p - y_a| <= delta_pos``; if none
  exists the window widens to the nearest age available among other subjects
  (``pos_widened=True``);
* negative (``neg_mode``): ``'same_subject_then_any'`` (default) the same
  subject with ``|y_n - y_a| >= delta_neg``, else a different subject at that
  gap; ``'same_subject_only'``; ``'any'`` (any other image at that gap).
  Without a candidate ``valid_n=False`` and the index points at the anchor.

Draws are a pure function of ``(seed, epoch)``.
"""
from typing import Dict

import numpy as np

NEG_MODES = ('same_subject_then_any', 'same_subject_only', 'any')


def sample_age_triplets(ages: np.ndarray,
                        subjects: np.ndarray,
                        seed: int = 0,
                        epoch: int = 0,
                        delta_pos: float = 0.0,
                        delta_neg: float = 5.0,
                        neg_mode: str = 'same_subject_then_any') -> Dict[str, np.ndarray]:
    """One (positive, negative) per anchor.

    Args:
        ages (np.ndarray): (N,) ages.
        subjects (np.ndarray): (N,) subject ids.
        seed (int): Base seed. Defaults to 0.
        epoch (int): Epoch (draws change across epochs). Defaults to 0.
        delta_pos (float): Largest age gap of a positive. Defaults to 0.
        delta_neg (float): Smallest age gap of a negative. Defaults to 5.
        neg_mode (str): See the module doc. Defaults to 'same_subject_then_any'.

    Returns:
        dict: (N,) int ``pos``, ``neg``; (N,) bool ``pos_widened``, ``valid_n``.
    """
    if neg_mode not in NEG_MODES:
        raise ValueError(f'neg_mode must be one of {NEG_MODES}, got {neg_mode!r}.')
    if delta_pos < 0 or delta_neg < 0:
        raise ValueError(f'delta_pos/delta_neg must be >= 0, got {delta_pos}, {delta_neg}.')
    ages = np.asarray(ages, dtype=np.float64)
    subjects = np.asarray(subjects)
    n = len(ages)
    if len(subjects) != n:
        raise ValueError(f'ages ({n}) and subjects ({len(subjects)}) differ in length.')
    rng = np.random.default_rng([int(seed), int(epoch)])
    order = np.argsort(ages, kind='stable')
    sorted_ages = ages[order]
    by_subject = {}
    for i, s in enumerate(subjects.tolist()):
        by_subject.setdefault(s, []).append(i)
    by_subject = {s: np.array(v) for s, v in by_subject.items()}

    pos = np.arange(n)
    neg = np.arange(n)
    widened = np.zeros(n, bool)
    valid_n = np.zeros(n, bool)
    for a in range(n):
        y, s = ages[a], subjects[a]
        # ---- positive: other subject within delta_pos, else nearest gap ----
        lo = np.searchsorted(sorted_ages, y - delta_pos, 'left')
        hi = np.searchsorted(sorted_ages, y + delta_pos, 'right')
        cand = order[lo:hi]
        cand = cand[subjects[cand] != s]
        if cand.size == 0:
            other = np.flatnonzero(subjects != s)
            if other.size:
                gap = np.abs(ages[other] - y)
                cand = other[gap == gap.min()]
                widened[a] = True
        if cand.size:
            pos[a] = cand[rng.integers(cand.size)]
        else:  # a single subject in the whole set
            widened[a] = True
        # ---- negative ----
        same = by_subject[s]
        same = same[np.abs(ages[same] - y) >= delta_neg]
        same = same[same != a]
        if neg_mode != 'any' and same.size:
            neg[a] = same[rng.integers(same.size)]
            valid_n[a] = True
            continue
        if neg_mode == 'same_subject_only':
            continue
        lo = np.searchsorted(sorted_ages, y - delta_neg, 'right')
        hi = np.searchsorted(sorted_ages, y + delta_neg, 'left')
        far = np.concatenate([order[:lo], order[hi:]]) if delta_neg > 0 else order
        far = far[far != a]
        if neg_mode == 'same_subject_then_any':
            far = far[subjects[far] != s]
        if far.size:
            neg[a] = far[rng.integers(far.size)]
            valid_n[a] = True
    return dict(pos=pos, neg=neg, pos_widened=widened, valid_n=valid_n)
