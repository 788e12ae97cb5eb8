# Copyright (c) mmcontrast contributors. All rights reserved.
"""Positive pixel pairs between two crops of one image, from crop geometry.

PixPro (Xie et al., CVPR 2021) and CLLD (Zoljodi et al., arXiv 2308.08242):
each feature cell of a view is mapped back to the source image through its
crop box (and flip); two cells are a positive pair when their source points
are closer than ``threshold`` times a normalised diagonal of view 1's box.
"""
from typing import Sequence, Tuple, Union

import torch
from torch import Tensor

_NORMS = ('pixpro', 'official')


def box_grid_points(boxes: Tensor, flips: Tensor, grid: Tuple[int, int]) -> Tensor:
    """Source-image coordinates of the feature grid of each crop.

    ``X[r, c] = x + c * w / (gw - 1)``, ``Y[r, c] = y + r * h / (gh - 1)``
    (box edges inclusive); the column order is reversed for flipped views.

    Args:
        boxes (Tensor): (B, 4) crop boxes ``(x, y, w, h)`` in the source frame.
        flips (Tensor): (B,) bool, horizontal flip of each view.
        grid (tuple): (gh, gw) feature grid, both >= 2.

    Returns:
        Tensor: (B, gh*gw, 2) points ``(x, y)``, row-major.
    """
    gh, gw = grid
    boxes = boxes.double()
    c = torch.arange(gw, dtype=torch.float64, device=boxes.device) / (gw - 1)
    r = torch.arange(gh, dtype=torch.float64, device=boxes.device) / (gh - 1)
    c = c.expand(boxes.shape[0], gw)
    c = torch.where(flips.to(boxes.device).bool()[:, None], c.flip(1), c)
    xs = boxes[:, 0:1] + c * boxes[:, 2:3]                     # (B, gw)
    ys = boxes[:, 1:2] + r[None] * boxes[:, 3:4]               # (B, gh)
    X = xs[:, None, :].expand(-1, gh, gw)
    Y = ys[:, :, None].expand(-1, gh, gw)
    return torch.stack([X, Y], -1).reshape(boxes.shape[0], gh * gw, 2)


def box_positive_pairs(boxes1: Tensor,
                       flips1: Tensor,
                       boxes2: Tensor,
                       flips2: Tensor,
                       grid: Union[int, Sequence[int]] = 7,
                       threshold: float = 0.7,
                       dist_norm: str = 'pixpro') -> Tensor:
    """Positive-pair matrix ``A12`` (rows: cells of view 1, columns: view 2).

    ``A12[b, i, j] = |P1_i - P2_j| / norm < threshold`` with
    ``norm = sqrt(w1^2 + h1^2) / g`` (``'pixpro'``, g = max(gh, gw)) or
    ``/ g^2`` (``'official'``: the official CLLD code divides by 7 twice).

    Args:
        boxes1, boxes2 (Tensor): (B, 4) ``(x, y, w, h)`` in one source frame.
        flips1, flips2 (Tensor): (B,) bool horizontal flips.
        grid (int | Sequence[int]): Feature grid (gh, gw). Defaults to 7.
        threshold (float): Distance threshold. Defaults to 0.7.
        dist_norm (str): ``'pixpro'`` or ``'official'``.

    Returns:
        Tensor: (B, gh*gw, gh*gw) bool on the boxes' device.
    """
    if dist_norm not in _NORMS:
        raise ValueError(f'dist_norm must be one of {_NORMS}, got {dist_norm!r}.')
    grid = (grid, grid) if isinstance(grid, int) else tuple(int(g) for g in grid)
    if min(grid) < 2:
        raise ValueError(f'grid must be at least 2x2, got {grid}.')
    p1 = box_grid_points(boxes1, flips1, grid)
    p2 = box_grid_points(boxes2, flips2, grid)
    g = max(grid) if dist_norm == 'pixpro' else max(grid) ** 2
    norm = torch.sqrt(boxes1[:, 2].double() ** 2 + boxes1[:, 3].double() ** 2) / g
    dist = torch.cdist(p1, p2) / norm[:, None, None]
    return dist < threshold
