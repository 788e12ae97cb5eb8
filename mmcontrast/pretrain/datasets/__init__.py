# Copyright (c) mmcontrast contributors. All rights reserved.
from . import transforms  # noqa: F401
from .cir import CIRRDataset, FashionIQDataset  # noqa: F401,E402
