# Copyright (c) mmcontrast contributors. All rights reserved.
from .cone import CoNeClassifier

__all__ = ['CoNeClassifier']
from .age_estimator import AgeEstimator  # noqa: E402

__all__ += ['AgeEstimator']
