# Copyright (c) mmcontrast contributors. All rights reserved.
from .rgbx_encoder_decoder import RGBXEncoderDecoder  # noqa: E402

__all__ = ['RGBXEncoderDecoder']
from .denseclip import DenseCLIP  # noqa: E402
from .icpc import ICPC  # noqa: E402
__all__ += ['DenseCLIP', 'ICPC']
from .focal import FOCAL  # noqa: E402
__all__ += ['FOCAL']
