# Copyright (c) mmcontrast contributors. All rights reserved.
# ICPC is configuration of DenseCLIP (its three parts are switchable modules):
# see configs/icpc/icpc_*.py.
from .denseclip import DenseCLIP
from .feature_losses import FeatureLossMixin
from .focal import FOCAL
from .rgbx_encoder_decoder import RGBXEncoderDecoder

__all__ = ['RGBXEncoderDecoder', 'DenseCLIP', 'FOCAL', 'FeatureLossMixin']
