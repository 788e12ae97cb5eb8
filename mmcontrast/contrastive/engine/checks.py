# Copyright (c) mmcontrast contributors. All rights reserved.
"""Input validation shared by every loss of the contrastive core.

A loss never masks bad input: non-finite values, wrong shapes, label ids out
of range and temperatures whose inverse overflows float32 raise a
``ValueError`` that names the argument and says what is expected.
"""
from typing import Optional, Sequence, Union

import torch
from torch import Tensor

# 1/T must stay finite in float32 (logits are computed as s * (1/T)).
_MIN_TEMPERATURE = 1.0 / torch.finfo(torch.float32).max


def check_finite(name: str, x: Optional[Tensor]) -> None:
    """Raise if ``x`` holds NaN or +-inf.

    Args:
        name (str): argument name used in the message.
        x (Tensor, optional): tensor to check (None is skipped).
    """
    if x is None or not x.is_floating_point() or x.numel() == 0:
        return
    if not bool(torch.isfinite(x.detach()).all()):
        n_bad = int((~torch.isfinite(x.detach())).sum())
        raise ValueError(
            f'{name} holds {n_bad} non-finite value(s) (NaN or inf); losses do not mask '
            'bad input: check the features/logits that produce it (e.g. a diverged '
            'backbone or an AMP overflow).')


def check_all_finite(**tensors: Optional[Tensor]) -> None:
    """:func:`check_finite` for every keyword argument (name = keyword)."""
    for name, x in tensors.items():
        check_finite(name, x)


def check_dim(name: str, x: Tensor, dim: int, shape_doc: str) -> None:
    """Raise unless ``x.dim() == dim``.

    Args:
        name (str): argument name.
        x (Tensor): tensor.
        dim (int): expected number of dims.
        shape_doc (str): expected shape in words, e.g. ``'(B, D)'``.
    """
    if x.dim() != dim:
        raise ValueError(f'{name} must be {shape_doc}, got shape {tuple(x.shape)}.')


def check_len(name: str, x: Tensor, n: int, of: str) -> None:
    """Raise unless ``x`` has ``n`` entries along dim 0.

    Args:
        name (str): argument name.
        x (Tensor): tensor.
        n (int): expected length.
        of (str): what ``n`` counts, e.g. ``'rows of features'``.
    """
    if x.dim() == 0 or x.shape[0] != n:
        raise ValueError(
            f'{name} must have {n} entries along dim 0 (one per {of}), got shape '
            f'{tuple(x.shape)}.')


def check_labels(name: str,
                 labels: Tensor,
                 num_classes: Optional[int] = None,
                 ignore: Sequence[int] = (),
                 negative_ignored: bool = False) -> None:
    """Raise on float labels, negative ids or ids ``>= num_classes``.

    Args:
        name (str): argument name.
        labels (Tensor): integer label tensor.
        num_classes (int, optional): exclusive upper bound. Defaults to None.
        ignore (Sequence[int]): values allowed outside the range (e.g. an
            ignore index or -1 for unlabeled). Defaults to ().
        negative_ignored (bool): Every negative id means "ignored" (only the
            integer dtype and the upper bound are checked). Defaults to False.
    """
    if labels.is_floating_point() or labels.is_complex():
        raise ValueError(f'{name} must be an integer tensor, got {labels.dtype}.')
    if labels.numel() == 0:
        return
    keep = torch.ones_like(labels, dtype=torch.bool)
    for v in ignore:
        keep &= labels != v
    if negative_ignored:
        keep &= labels >= 0
    vals = labels[keep]
    if vals.numel() == 0:
        return
    lo, hi = int(vals.min()), int(vals.max())
    allowed = f' (or {list(ignore)})' if ignore else ''
    if lo < 0:
        raise ValueError(f'{name} holds a negative id {lo}; ids must be >= 0{allowed}.')
    if num_classes is not None and hi >= num_classes:
        raise ValueError(
            f'{name} holds id {hi} >= num_classes={num_classes}; ids must lie in '
            f'[0, {num_classes - 1}]{allowed}.')


def check_temperature(name: str, temperature: Union[float, Tensor]) -> None:
    """Raise unless the temperature is a finite positive scalar whose inverse fits float32.

    Args:
        name (str): argument name (e.g. ``'SupConLoss temperature'``).
        temperature (float | Tensor): the value.
    """
    if isinstance(temperature, Tensor):
        if temperature.numel() != 1:
            raise ValueError(f'{name} must be a positive scalar, got shape '
                             f'{tuple(temperature.shape)}.')
        value = float(temperature.detach().reshape(()))
    else:
        value = float(temperature)
    if not value > 0 or value == float('inf'):
        raise ValueError(f'{name} must be a positive finite scalar, got {value}.')
    if value < _MIN_TEMPERATURE:
        raise ValueError(
            f'{name}={value} overflows: 1/{name.split()[-1]} exceeds the float32 range; use a '
            f'value >= {_MIN_TEMPERATURE:.3g} (contrastive losses use 0.01-1).')
