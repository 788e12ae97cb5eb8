# Copyright (c) mmcontrast contributors. All rights reserved.
from . import transforms  # noqa: F401
from .checked_custom_dataset import CheckedCustomDataset  # noqa: F401,E402
from .transforms.ctp_text import CTPMLMMask, CTPTokenize, clean_caption  # noqa: F401,E402  (CTP)
from .p9d import P9D_TASKS, P9DDataset  # noqa: F401,E402  (CTP)
