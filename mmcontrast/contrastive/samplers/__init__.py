# Copyright (c) mmcontrast contributors. All rights reserved.
from .label_utils import downsample_labels, one_hot_ignore

__all__ = ['downsample_labels', 'one_hot_ignore']
