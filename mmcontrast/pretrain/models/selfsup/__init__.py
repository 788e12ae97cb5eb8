# Copyright (c) mmcontrast contributors. All rights reserved.
from .clld import CLLD

__all__ = ['CLLD']
from .dccl import DecoupledCCL  # noqa: E402

__all__ += ['DecoupledCCL']
