# Copyright (c) mmcontrast contributors. All rights reserved.
"""Turn a lane-slot label map back into lane point lists."""
from typing import List, Sequence

import numpy as np


def seg_to_lanes(seg: np.ndarray, rows: Sequence[float], num_classes: int,
                 min_points: int = 2) -> List[np.ndarray]:
    """For each lane class, the mean column of its pixels at each sampled row.

    Args:
        seg (np.ndarray): (H, W) int label map (0 = background, k = slot k).
        rows (Sequence[float]): Rows to sample (clipped to [0, H-1]).
        num_classes (int): Number of classes including background.
        min_points (int): Lanes with fewer points are dropped. Defaults to 2.

    Returns:
        list[np.ndarray]: (N, 2) float32 ``(x, y)`` per detected slot, in
        slot order, points bottom-up as given by ``rows``.
    """
    H = seg.shape[0]
    lanes = []
    for k in range(1, num_classes):
        pts = []
        for y in rows:
            yi = int(min(max(round(y), 0), H - 1))
            xs = np.nonzero(seg[yi] == k)[0]
            if xs.size:
                pts.append((float(xs.mean()), float(y)))
        if len(pts) >= min_points:
            lanes.append(np.asarray(pts, np.float32))
    return lanes
