# Copyright (c) mmcontrast contributors. All rights reserved.
"""The engine of the contrastive core; every loss in ``losses/`` is a rule on top of it."""
from .checks import (check_all_finite, check_dim, check_finite, check_labels, check_len,
                     check_temperature)
from .precision import fp32, inverse_temperature

__all__ = [
    'fp32', 'inverse_temperature', 'check_finite', 'check_all_finite', 'check_dim',
    'check_len', 'check_labels', 'check_temperature'
]
