# Copyright (c) mmcontrast contributors. All rights reserved.
from . import transforms  # noqa: F401
