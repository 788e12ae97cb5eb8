# Copyright (c) mmcontrast contributors. All rights reserved.
"""Resizing of CLIP's 2-D positional grids (attention pool, ViT)."""
from typing import Sequence

import torch.nn.functional as F
from torch import Tensor


def resize_pos_embed_2d(pos: Tensor, src: int, dst_hw: Sequence[int]) -> Tensor:
    """Bilinearly resize a square positional grid (CLIP, DenseCLIP).

    Args:
        pos (Tensor): (src * src, C) spatial positions (no class token).
        src (int): Side of the stored grid.
        dst_hw (Sequence[int]): Target (h, w).

    Returns:
        Tensor: (h * w, C); ``pos`` itself when the size already matches.
    """
    h, w = int(dst_hw[0]), int(dst_hw[1])
    if (src, src) == (h, w):
        return pos
    C = pos.shape[-1]
    grid = pos.reshape(1, src, src, C).permute(0, 3, 1, 2)
    grid = F.interpolate(grid, size=(h, w), mode='bilinear', align_corners=False)
    return grid.reshape(C, h * w).permute(1, 0)
