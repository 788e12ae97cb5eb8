# Copyright (c) mmcontrast contributors. All rights reserved.
from .binary_auc import BinaryAUC, aggregate_cases, binary_auc  # noqa: E402

__all__ = ['BinaryAUC', 'aggregate_cases', 'binary_auc']
