# Copyright (c) mmcontrast contributors. All rights reserved.
from .picai_slice_det_dataset import PICAISliceDetDataset

__all__ = ['PICAISliceDetDataset']
