# Copyright (c) mmcontrast contributors. All rights reserved.
from .hooks import CTPTaskStartHook  # noqa: F401
