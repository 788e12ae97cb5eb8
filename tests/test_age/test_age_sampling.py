# Copyright (c) mmcontrast contributors. All rights reserved.
"""Triplet sampler rules, determinism per (seed, epoch), flags; P x K sampler (age.md §8.4)."""
import numpy as np
import pytest

from mmcontrast.pretrain.datasets.age_triplet_sampling import sample_age_triplets


def _meta():
    subjects = np.repeat(np.arange(10), 8)
    ages = np.tile(np.arange(0, 80, 10), 10).astype(float)  # 10 subjects x 8 ages
    return ages, subjects


def test_rules():
    ages, subj = _meta()
    d = sample_age_triplets(ages, subj, seed=0, epoch=0, delta_pos=0, delta_neg=5)
    assert (subj[d['pos']] != subj).all()
    assert (np.abs(ages[d['pos']] - ages) <= 0).all()
    assert (subj[d['neg']] == subj).all()  # same subject available for every anchor
    assert (np.abs(ages[d['neg']] - ages) >= 5).all()
    assert d['valid_n'].all() and not d['pos_widened'].any()


def test_deterministic_per_seed_epoch_and_changes_across_epochs():
    ages, subj = _meta()
    a = sample_age_triplets(ages, subj, seed=3, epoch=1)
    b = sample_age_triplets(ages, subj, seed=3, epoch=1)
    c = sample_age_triplets(ages, subj, seed=3, epoch=2)
    assert all((a[k] == b[k]).all() for k in a)
    assert (a['pos'] != c['pos']).any() or (a['neg'] != c['neg']).any()


def test_flags_single_image_subject_and_widening():
    ages = np.array([10., 10., 30., 50., 12.])
    subj = np.array([0, 1, 1, 1, 2])  # subject 0 and 2 have one image
    d = sample_age_triplets(ages, subj, delta_pos=0, delta_neg=5,
                            neg_mode='same_subject_only')
    assert not d['valid_n'][0] and not d['valid_n'][4]
    assert d['neg'][0] == 0  # points at the anchor
    assert d['valid_n'][1] and subj[d['neg'][1]] == 1
    # anchor 4 (age 12): no other subject at age 12 -> widened to age 10 (gap 2)
    assert d['pos_widened'][4] and ages[d['pos'][4]] == 10
    assert not d['pos_widened'][0]
    # fallback: single-image subject takes another subject at |dy| >= 5
    f = sample_age_triplets(ages, subj, delta_neg=5, neg_mode='same_subject_then_any')
    assert f['valid_n'][0] and subj[f['neg'][0]] != 0 and abs(ages[f['neg'][0]] - 10) >= 5
    anym = sample_age_triplets(ages, subj, delta_neg=5, neg_mode='any')
    assert (np.abs(ages[anym['neg']] - ages)[anym['valid_n']] >= 5).all()
    with pytest.raises(ValueError, match='neg_mode'):
        sample_age_triplets(ages, subj, neg_mode='hard')


def test_subject_balanced_sampler():
    from mmcontrast.pretrain.datasets import SubjectBalancedSampler

    class _DS:
        subject_ids = np.repeat(np.arange(6), 5)

        def __len__(self):
            return 30

    s = SubjectBalancedSampler(_DS(), num_subjects=3, num_per_subject=2, seed=0)
    idx = list(s)
    assert len(idx) == len(s) == 30 // 6 * 6
    for b in range(0, len(idx), 6):
        subj = _DS.subject_ids[idx[b:b + 6]]
        assert len(set(subj.tolist())) == 3 and all((subj == x).sum() == 2 for x in set(subj))
    s.set_epoch(1)
    assert list(s) != idx
