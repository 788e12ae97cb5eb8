# Copyright (c) mmcontrast contributors. All rights reserved.
from . import transforms  # noqa: F401
from .checked_custom_dataset import CheckedCustomDataset  # noqa: F401,E402
from .transforms.ctp_text import CTPMLMMask, CTPTokenize, clean_caption  # noqa: F401,E402  (CTP)
from .p9d import P9D_TASKS, P9DDataset  # noqa: F401,E402  (CTP)
from .patient_folds import patient_stratified_folds  # noqa: E402
from .picai_slice_dataset import PICAISliceDataset  # noqa: E402
from .pirads_confidence import PIRADSConfidence  # noqa: E402

__all__ = [
    'CheckedCustomDataset', 'CTPMLMMask', 'CTPTokenize', 'clean_caption', 'P9D_TASKS', 'P9DDataset',
    'PICAISliceDataset', 'PIRADSConfidence', 'patient_stratified_folds'
]
