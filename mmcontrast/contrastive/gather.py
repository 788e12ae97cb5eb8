# Copyright (c) mmcontrast contributors. All rights reserved.
"""Kept import path: the gathers live in :mod:`mmcontrast.contrastive.engine.gather`."""
from .engine.gather import GatherLayer, all_gather_no_grad, all_gather_with_grad

__all__ = ['GatherLayer', 'all_gather_with_grad', 'all_gather_no_grad']
