# Copyright (c) mmcontrast contributors. All rights reserved.
import math

import pytest
import torch

from mmcontrast.contrastive.samplers import box_grid_points, box_positive_pairs


def naive(b1, f1, b2, f2, thr=0.7, div=7):
    def pts(b, f):
        x, y, w, h = b
        out = []
        for r in range(7):
            for c in range(7):
                cc = 6 - c if f else c
                out.append((x + cc * w / 6, y + r * h / 6))
        return out
    p1, p2 = pts(b1, f1), pts(b2, f2)
    norm = math.sqrt(b1[2] ** 2 + b1[3] ** 2) / div
    A = torch.zeros(49, 49, dtype=torch.bool)
    for i in range(49):
        for j in range(49):
            A[i, j] = math.dist(p1[i], p2[j]) / norm < thr
    return A


def test_matches_loop():
    boxes1 = torch.tensor([[10., 20., 100., 80.], [0., 0., 50., 60.]])
    boxes2 = torch.tensor([[40., 10., 90., 120.], [5., 3., 55., 40.]])
    f1, f2 = torch.tensor([False, True]), torch.tensor([True, False])
    for norm, div in (('pixpro', 7), ('official', 49)):
        A = box_positive_pairs(boxes1, f1, boxes2, f2, dist_norm=norm)
        for b in range(2):
            assert torch.equal(A[b], naive(boxes1[b].tolist(), bool(f1[b]), boxes2[b].tolist(),
                                           bool(f2[b]), div=div))


def test_identical_boxes_diagonal_and_flip_mirror():
    box = torch.tensor([[0., 0., 60., 60.]])
    no, yes = torch.tensor([False]), torch.tensor([True])
    A = box_positive_pairs(box, no, box, no, dist_norm='official')
    assert torch.equal(A[0], torch.eye(49, dtype=torch.bool))
    Af = box_positive_pairs(box, no, box, yes, dist_norm='official')
    mirror = torch.tensor([r * 7 + (6 - c) for r in range(7) for c in range(7)])
    assert torch.equal(Af[0], torch.eye(49, dtype=torch.bool)[:, mirror])


def test_norm_counts_fixed_example():
    # Grid step 10 px; diag 84.85 -> pixpro radius 0.7 * 84.85 / 7 = 8.49 px, official radius
    # 0.7 * 84.85 / 49 = 1.21 px. Box 2 shifted by (1, 1): matching cells are 1.41 px apart,
    # the nearest other cells sqrt(9^2 + 1) = 9.06 px.
    box1 = torch.tensor([[0., 0., 60., 60.]])
    box2 = torch.tensor([[1., 1., 60., 60.]])
    f = torch.tensor([False])
    n_pix = int(box_positive_pairs(box1, f, box2, f, dist_norm='pixpro').sum())
    n_off = int(box_positive_pairs(box1, f, box2, f, dist_norm='official').sum())
    assert n_pix == 49 and n_off == 0


def test_orientation_rows_are_online_cells():
    # view 1 covers the left half, view 2 the whole image: view-1 cell (0,6) (x=50) is close to
    # view-2 cell (0,3) (x=50), not the other way around.
    box1, box2 = torch.tensor([[0., 0., 50., 100.]]), torch.tensor([[0., 0., 100., 100.]])
    f = torch.tensor([False])
    A = box_positive_pairs(box1, f, box2, f, dist_norm='official')[0]
    assert bool(A[6, 3]) and not bool(A[3, 6])
    assert box_grid_points(box1, f, (7, 7))[0, 6].tolist() == [50., 0.]


def test_validation():
    b, f = torch.zeros(1, 4), torch.zeros(1, dtype=torch.bool)
    with pytest.raises(ValueError, match='dist_norm'):
        box_positive_pairs(b, f, b, f, dist_norm='x')
    with pytest.raises(ValueError, match='grid'):
        box_positive_pairs(b, f, b, f, grid=1)
