# Copyright (c) mmcontrast contributors. All rights reserved.
from .supcon import SupConLoss, supcon_loss  # noqa: E402

__all__ = ['SupConLoss', 'supcon_loss']
