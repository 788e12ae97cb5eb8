# Copyright (c) mmcontrast contributors. All rights reserved.
from .age_metrics import AgeMAE, CumulativeScore  # noqa: F401,E402
