# Copyright (c) mmcontrast contributors. All rights reserved.
from . import transforms  # noqa: F401
from .checked_custom_dataset import CheckedCustomDataset  # noqa: F401,E402
