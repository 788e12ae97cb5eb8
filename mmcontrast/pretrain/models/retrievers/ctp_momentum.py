# Copyright (c) mmcontrast contributors. All rights reserved.
"""CTP's momentum rules on parameter lists with ``torch._foreach_*``."""
from typing import List, Optional, Sequence

import torch
from torch import Tensor


@torch.no_grad()
def compatible_momentum_update(momentum: List[Tensor], student: List[Tensor],
                               reference: Optional[List[Tensor]],
                               weights: Sequence[float]) -> None:
    """``theta_c <- a theta_c + b theta (+ c theta_ref)`` in place, fused over lists.

    Task 0 of CTP is ``(a, b) = (0.995, 0.005)`` without reference; later
    tasks the compatible rule ``(0.90, 0.05, 0.05)`` (Zhu et al., ICCV 2023).

    Args:
        momentum (list[Tensor]): Momentum parameters (updated in place).
        student (list[Tensor]): Student parameters, same order and shapes.
        reference (list[Tensor], optional): Reference parameters or None.
        weights (Sequence[float]): ``(a, b, c)``; ``c`` ignored without reference.
    """
    if len(momentum) != len(student) or (reference is not None
                                         and len(reference) != len(momentum)):
        raise ValueError('momentum, student and reference parameter lists must align.')
    a, b = float(weights[0]), float(weights[1])
    torch._foreach_mul_(momentum, a)
    torch._foreach_add_(momentum, student, alpha=b)
    if reference is not None:
        torch._foreach_add_(momentum, reference, alpha=float(weights[2]))
