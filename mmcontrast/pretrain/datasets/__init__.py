# Copyright (c) mmcontrast contributors. All rights reserved.
from . import transforms  # noqa: F401
from .age_triplet_dataset import AgeTripletDataset, AgeTripletEpochHook, age_triplet_collate
from .checked_custom_dataset import CheckedCustomDataset
from .cir import CIRRDataset, FashionIQDataset
from .face_age_dataset import FaceAgeDataset
from .p9d import P9D_TASKS, P9DDataset
from .patient_folds import patient_stratified_folds
from .picai_slice_dataset import PICAISliceDataset
from .pirads_confidence import PIRADSConfidence
from .subject_balanced_sampler import SubjectBalancedSampler
from .transforms import CTPMLMMask, CTPTokenize, clean_caption

__all__ = [
    'AgeTripletDataset', 'AgeTripletEpochHook', 'age_triplet_collate', 'CheckedCustomDataset',
    'CIRRDataset', 'FashionIQDataset', 'FaceAgeDataset', 'P9D_TASKS', 'P9DDataset',
    'patient_stratified_folds', 'PICAISliceDataset', 'PIRADSConfidence', 'SubjectBalancedSampler',
    'CTPMLMMask', 'CTPTokenize', 'clean_caption'
]
