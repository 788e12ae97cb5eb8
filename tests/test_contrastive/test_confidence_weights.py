# Copyright (c) mmcontrast contributors. All rights reserved.
"""DCCL's confidence weights (dccl.md §3 b, §8.1/§8.4/§8.5) against the official mask loop."""
import pytest
import torch

from mmcontrast.contrastive.miners import confidence_kernel, confidence_pair_weights


def _official(labels, conf, mode):
    """W~ built as the spec transcribes the official code (M edited per unlabeled u)."""
    b = len(labels)
    n = 2 * b
    y = labels + labels
    c = conf + conf
    m = [[1.0] * n for _ in range(n)]
    for u in range(b):
        if labels[u] < 0:
            for r in range(n):
                m[r][u] = m[r][u + b] = 0.0
            m[u] = [1.0 if j == u + b else 0.0 for j in range(n)]
            m[u + b] = [1.0 if j == u else 0.0 for j in range(n)]
    w = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            twin = 1.0 if j == (i + b) % n else 0.0
            lo = min(c[i], c[j])
            k = float(y[i] == y[j] and y[i] >= 0) * lo
            if mode == 'code' and lo == 0.5:
                k = 0.0
            w[i][j] = twin + (1 - twin) * m[i][j] * k * float(i != j)
    return torch.tensor([[v / sum(row) for v in row] for row in w], dtype=torch.float64)


@pytest.mark.parametrize('mode', ['paper', 'code'])
def test_weights_match_official_loop(mode):
    # B = 5: one unlabeled sample, one tie (c = 0), one epsilon sample, one c = 0.5
    labels = [0, 1, -1, 0, 1]
    conf = [1.0, 0.0, -1.0, 0.1, 0.5]
    w = confidence_pair_weights(torch.tensor(labels), torch.tensor(conf, dtype=torch.float64),
                                mode)
    torch.testing.assert_close(w, _official(labels, conf, mode), atol=1e-15, rtol=0)
    torch.testing.assert_close(w.sum(1), torch.ones(10, dtype=torch.float64))
    assert w[2].nonzero().flatten().tolist() == [7]  # unlabeled: twin only


def test_all_same_label_full_confidence_is_uniform():
    b = 4
    w = confidence_pair_weights(torch.zeros(b, dtype=torch.long), torch.ones(b))
    ref = (1 - torch.eye(2 * b)) / (2 * b - 1)
    torch.testing.assert_close(w, ref)


def test_kernel_label_only_and_mode_check():
    y = torch.tensor([0, 0, 1, -1])
    k = confidence_kernel(y, torch.tensor([0.3, 0.9, 1.0, 1.0]), use_confidence=False)
    assert k.tolist() == [[1, 1, 0, 0], [1, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 0]]
    with pytest.raises(ValueError, match='confidence mode'):
        confidence_kernel(y, torch.ones(4), mode='other')
    with pytest.raises(ValueError, match='confidence must have 4'):
        confidence_pair_weights(y, torch.ones(3))
