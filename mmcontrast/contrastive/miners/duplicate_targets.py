# Copyright (c) mmcontrast contributors. All rights reserved.
"""Duplicate-target masking: a column showing the row's target is no negative.

In composed image retrieval (CLIP4Cir, Baldrati et al., ACM TOMM 2023;
clip4cir.md §3) two queries of a batch can share one target image; with
batch-wise InfoNCE the second copy is then a false negative of the first
row. With target ids, the columns whose id equals the row's target id --
other than the positive column itself -- are removed from the row
(``dedup_targets=True``; the official code ignores duplicates).
"""
from typing import Optional

import torch
from torch import Tensor

from ..engine import check_dim, check_len


def duplicate_target_mask(target_ids: Tensor,
                          col_ids: Tensor,
                          positive_cols: Optional[Tensor] = None) -> Tensor:
    """(B, M) bool: column j of row i shows row i's target but is not its positive.

    Args:
        target_ids (Tensor): (B,) id of each row's target.
        col_ids (Tensor): (M,) id shown by each column.
        positive_cols (Tensor, optional): (B,) column index of each row's
            positive, kept unmasked. Defaults to None (every same-id column
            is masked, e.g. for a queue block holding no positive).

    Returns:
        Tensor: (B, M) bool mask of the false negatives to leave out.
    """
    check_dim('target_ids', target_ids, 1, '(B,)')
    check_dim('col_ids', col_ids, 1, '(M,)')
    dup = target_ids[:, None] == col_ids[None, :]
    if positive_cols is not None:
        check_len('positive_cols', positive_cols, target_ids.shape[0], 'row')
        dup[torch.arange(dup.shape[0], device=dup.device), positive_cols] = False
    return dup
