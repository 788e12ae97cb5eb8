# Copyright (c) mmcontrast contributors. All rights reserved.
from .cir_metrics import CIRRRecall, CIRRSubmission, FashionIQRecall  # noqa: F401,E402
