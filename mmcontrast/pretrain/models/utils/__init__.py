# Copyright (c) mmcontrast contributors. All rights reserved.
from .sine_compounding_ema import SineCompoundingEMA

__all__ = ['SineCompoundingEMA']
