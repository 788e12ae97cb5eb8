# Copyright (c) mmcontrast contributors. All rights reserved.
from .clld import CLLD

__all__ = ['CLLD']
