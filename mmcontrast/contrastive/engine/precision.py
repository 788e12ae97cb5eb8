# Copyright (c) mmcontrast contributors. All rights reserved.
"""The one precision rule of the contrastive core: similarities and reductions in fp32.

Half and bfloat16 inputs (AMP) are upcast to float32; float32 and float64
stay as they are (the float64 loop tests and ``gradcheck`` need float64).
"""
from typing import Optional, Union

import torch
from torch import Tensor

_LOW = (torch.float16, torch.bfloat16)


def fp32(x: Optional[Tensor]) -> Optional[Tensor]:
    """Upcast a half/bfloat16 tensor to float32; other dtypes (and None) pass through.

    Args:
        x (Tensor, optional): any tensor.

    Returns:
        Tensor | None: ``x`` in float32 if it was a 16-bit float, else ``x``.
    """
    if x is None:
        return None
    return x.float() if x.dtype in _LOW else x


def inverse_temperature(temperature: Union[float, Tensor]) -> Union[float, Tensor]:
    """``1 / T`` in fp32 (a scalar tensor stays differentiable).

    Args:
        temperature (float | Tensor): a validated positive temperature.

    Returns:
        float | Tensor: the inverse temperature.
    """
    if isinstance(temperature, Tensor):
        return 1.0 / fp32(temperature.reshape(()))
    return 1.0 / float(temperature)
