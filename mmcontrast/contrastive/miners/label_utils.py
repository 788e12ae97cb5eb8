# Copyright (c) mmcontrast contributors. All rights reserved.
"""Label-map helpers shared by dense contrastive losses."""
from typing import Sequence

import torch
import torch.nn.functional as F


def downsample_labels(labels: torch.Tensor, size: Sequence[int]) -> torch.Tensor:
    """Nearest-neighbour resize of integer label maps to a feature grid.

    Works for any integer dtype (uint8/int16/int32/int64, e.g. 65535 void
    labels of ADE20K-Full) without a lossy float round trip of large ids: the
    nearest source index is computed once and gathered.

    Args:
        labels (Tensor): (B, H, W) or (B, 1, H, W) integer labels.
        size (Sequence[int]): Target (h, w).

    Returns:
        Tensor: (B, h, w) labels, same dtype as the input; the pixel at
        ``(i, j)`` is ``labels[floor(i * H / h), floor(j * W / w)]`` as in
        ``F.interpolate(mode='nearest')``.
    """
    if labels.dim() == 4:
        if labels.shape[1] != 1:
            raise ValueError(f'labels must be (B,H,W) or (B,1,H,W), got {tuple(labels.shape)}')
        labels = labels[:, 0]
    if labels.dim() != 3:
        raise ValueError(f'labels must be (B,H,W) or (B,1,H,W), got {tuple(labels.shape)}')
    h, w = int(size[0]), int(size[1])
    H, W = labels.shape[-2:]
    if (h, w) == (H, W):
        return labels
    rows = torch.floor(torch.arange(h, device=labels.device) * (H / h)).long().clamp_(max=H - 1)
    cols = torch.floor(torch.arange(w, device=labels.device) * (W / w)).long().clamp_(max=W - 1)
    return labels[:, rows][:, :, cols]


def one_hot_ignore(labels: torch.Tensor, num_classes: int) -> torch.Tensor:
    """Boolean (N, K) one-hot of labels where ids outside ``[0, K)`` give all-False rows."""
    valid = (labels >= 0) & (labels < num_classes)
    out = torch.zeros(labels.numel(), num_classes, dtype=torch.bool, device=labels.device)
    idx = torch.nonzero(valid.reshape(-1), as_tuple=True)[0]
    out[idx, labels.reshape(-1)[idx].long()] = True
    return out
