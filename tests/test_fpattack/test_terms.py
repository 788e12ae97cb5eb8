# Copyright (c) mmcontrast contributors. All rights reserved.
"""FP-attack loss terms vs naive float64 references (fpattack.md §8.1)."""
import torch

from mmcontrast.pretrain.fpattack.attacks import attack_hinge, gram, l1_sum, tv_loss


def test_gram_vs_loops():
    feat = torch.randn(2, 3, 4, 5, dtype=torch.float64)
    ref = torch.zeros(2, 3, 3, dtype=torch.float64)
    for b in range(2):
        for i in range(3):
            for j in range(3):
                s = 0.
                for y in range(4):
                    for x in range(5):
                        s += feat[b, i, y, x] * feat[b, j, y, x]
                ref[b, i, j] = s / (3 * 4 * 5)
    assert torch.allclose(gram(feat), ref, atol=1e-12)


def test_tv_vs_explicit_differences():
    x = torch.randn(2, 2, 4, 5, dtype=torch.float64)
    for b in range(2):
        v = h = 0.
        for c in range(2):
            for y in range(4):
                for w in range(5):
                    if y < 3:
                        v += float(x[b, c, y + 1, w] - x[b, c, y, w]) ** 2
                    if w < 4:
                        h += float(x[b, c, y, w + 1] - x[b, c, y, w]) ** 2
        ref = 2 * (v / (2 * 3 * 5) + h / (2 * 4 * 4))
        assert abs(float(tv_loss(x)[b]) - ref) < 1e-10


def test_l1_sum_and_hinge():
    x = torch.randn(3, 1, 4, 4, dtype=torch.float64)
    f = torch.randn(3, 1, 4, 4, dtype=torch.float64)
    ref = [sum(abs(float(a) - float(b)) for a, b in zip(x[i].flatten(), f[i].flatten()))
           for i in range(3)]
    assert torch.allclose(l1_sum(x, f), torch.tensor(ref, dtype=torch.float64))
    tau = 0.0314
    d = torch.tensor([tau - 1e-6, tau + 1e-6, 2 * tau], dtype=torch.float64)
    h = attack_hinge(d, tau)
    assert h[0] == 0 and abs(float(h[1]) - (tau + 1e-6) / tau) < 1e-12 and float(h[2]) == 2.
