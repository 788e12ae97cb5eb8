# Copyright (c) mmcontrast contributors. All rights reserved.
from .denseclip import DenseCLIP
from .focal import FOCAL
from .icpc import ICPC
from .rgbx_encoder_decoder import RGBXEncoderDecoder

__all__ = ['RGBXEncoderDecoder', 'DenseCLIP', 'ICPC', 'FOCAL']
