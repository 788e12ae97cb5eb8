# Copyright (c) mmcontrast contributors. All rights reserved.
from . import transforms  # noqa: F401
from .patient_folds import patient_stratified_folds  # noqa: E402
from .picai_slice_dataset import PICAISliceDataset  # noqa: E402
from .pirads_confidence import PIRADSConfidence  # noqa: E402

__all__ = ['PICAISliceDataset', 'PIRADSConfidence', 'patient_stratified_folds']
