# Copyright (c) mmcontrast contributors. All rights reserved.
from . import transforms  # noqa: F401
from .checked_custom_dataset import CheckedCustomDataset
from .cir import CIRRDataset, FashionIQDataset
from .p9d import P9D_TASKS, P9DDataset
from .patient_folds import patient_stratified_folds
from .picai_slice_dataset import PICAISliceDataset
from .pirads_confidence import PIRADSConfidence
from .transforms import CTPMLMMask, CTPTokenize, clean_caption

__all__ = [
    'CheckedCustomDataset', 'CIRRDataset', 'CTPMLMMask', 'CTPTokenize', 'clean_caption', 'FashionIQDataset', 'P9D_TASKS', 'P9DDataset',
    'PICAISliceDataset', 'PIRADSConfidence', 'patient_stratified_folds'
]
