# Copyright (c) mmcontrast contributors. All rights reserved.
from .ctp_task_start_hook import CTPTaskStartHook

__all__ = ["CTPTaskStartHook"]
