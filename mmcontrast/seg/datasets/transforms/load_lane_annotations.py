# Copyright (c) mmcontrast contributors. All rights reserved.
"""Load lane point lists and rasterise them into a lane-slot label map."""
from typing import List, Optional

import cv2
import numpy as np
from mmcv.transforms import BaseTransform
from mmseg.registry import TRANSFORMS


def read_culane_lines(path: str) -> List[np.ndarray]:
    """Read a CULane ``.lines.txt``: one lane per line, ``x y x y ...``.

    Returns:
        list[np.ndarray]: (N, 2) float32 ``(x, y)`` per lane, in file order
        (a one-point lane is kept, so lanes keep their slots, and not drawn).

    Raises:
        ValueError: A line has a non-number or an odd number of values (naming
            the file and the line): dropping it would shift every following
            lane into the wrong slot.
    """
    lanes = []
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            fields = line.split()
            if not fields:
                continue
            try:
                vals = [float(v) for v in fields]
            except ValueError:
                raise ValueError(f'{path}, line {lineno}: lane coordinates must be numbers, '
                                 f'got {line.strip()!r}') from None
            if len(vals) % 2:
                raise ValueError(
                    f'{path}, line {lineno}: a lane is "x y x y ...", but this line has '
                    f'{len(vals)} values (odd). Fix or remove the line: skipping it would '
                    'move the following lanes into other slots.')
            lanes.append(np.asarray(vals, np.float32).reshape(-1, 2))
    return lanes


def assign_slots(lanes: List[np.ndarray], width: int, num_slots: int = 4,
                 lane_exist: Optional[List[int]] = None) -> List[int]:
    """CULane slot (1-based) of each lane.

    With ``lane_exist`` flags (train/val lists) the lanes, left to right,
    take the flagged slots in order. Otherwise lanes are split at the image
    centre by their lowest point: the nearest left lane is slot
    ``num_slots // 2``, the next one outwards ``num_slots // 2 - 1``, and so on
    (right lanes from ``num_slots // 2 + 1``); lanes beyond the slots get 0.
    """
    if lane_exist is not None and sum(lane_exist) == len(lanes):
        return [i + 1 for i, e in enumerate(lane_exist) if e]
    bottoms = [float(ln[np.argmax(ln[:, 1]), 0]) for ln in lanes]
    slots = [0] * len(lanes)
    left = sorted([i for i, x in enumerate(bottoms) if x < width / 2], key=lambda i: -bottoms[i])
    right = sorted([i for i, x in enumerate(bottoms) if x >= width / 2], key=lambda i: bottoms[i])
    half = num_slots // 2
    for r, i in enumerate(left):
        slots[i] = half - r if half - r >= 1 else 0
    for r, i in enumerate(right):
        slots[i] = half + 1 + r if half + 1 + r <= num_slots else 0
    return slots


@TRANSFORMS.register_module()
class LoadLaneAnnotations(BaseTransform):
    """Lanes as segmentation targets: draw each lane as a ``width``-px polyline.

    **Required Keys:** ``img_shape`` or ``ori_shape``; ``gt_lanes`` (list of
    (N, 2) points) or ``lanes_path`` (CULane ``.lines.txt``); optional
    ``lane_slots`` / ``lane_exist``.

    **Added Keys:** ``gt_seg_map`` (H, W) uint8 with lane slot ids (0 =
    background), ``gt_lanes``, ``seg_fields``.

    Args:
        width (int): Line width at the original resolution (16 = CULane's
            ``laneseg_label_w16``). Defaults to 16.
        num_slots (int): Lane slots for CULane-style assignment. Defaults to 4.
    """

    def __init__(self, width: int = 16, num_slots: int = 4) -> None:
        if width < 1:
            raise ValueError(f'width must be >= 1, got {width}.')
        self.width, self.num_slots = width, num_slots

    def transform(self, results: dict) -> dict:
        """Rasterise the lanes of one image."""
        H, W = (results.get('ori_shape') or results['img_shape'])[:2]
        if 'gt_lanes' not in results:
            results['gt_lanes'] = read_culane_lines(results['lanes_path'])
        lanes = results['gt_lanes']
        slots = results.get('lane_slots')
        if slots is None:
            slots = assign_slots(lanes, W, self.num_slots, results.get('lane_exist'))
        seg = np.zeros((H, W), np.uint8)
        for pts, s in zip(lanes, slots):
            if s > 0 and len(pts) >= 2:
                cv2.polylines(seg, [np.round(pts).astype(np.int32)], False, int(s), self.width)
        results['gt_seg_map'] = seg
        results.setdefault('seg_fields', [])
        if 'gt_seg_map' not in results['seg_fields']:
            results['seg_fields'].append('gt_seg_map')
        return results
