# Copyright (c) mmcontrast contributors. All rights reserved.
from .cone import CoNeClassifier

__all__ = ['CoNeClassifier']
