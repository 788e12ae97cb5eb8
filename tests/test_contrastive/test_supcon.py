# Copyright (c) mmcontrast contributors. All rights reserved.
"""Tests of :func:`supcon_loss` / :class:`SupConLoss` (SupCon and SMMCL's variant)."""
import pytest
import torch
import torch.nn.functional as F

from mmcontrast.contrastive.losses import SupConLoss, supcon_loss
from mmcontrast.registry import MODELS


def naive_supcon(A, la, K, lk, T, negatives_only, exclude_diagonal, average):
    """Per-anchor, per-positive Python loop with explicit negative sums."""
    S = A @ K.T / T
    losses, has_pos = [], []
    for i in range(A.shape[0]):
        if la[i] < 0:
            continue
        others = [
            j for j in range(K.shape[0])
            if lk[j] >= 0 and not (exclude_diagonal and i == j)
        ]
        pos = [j for j in others if lk[j] == la[i]]
        neg = [j for j in others if lk[j] != la[i]]
        if not pos:
            losses.append(torch.zeros((), dtype=A.dtype))
            has_pos.append(False)
            continue
        total = 0.
        for p in pos:
            if negatives_only:
                den = torch.exp(S[i, p]) + sum(torch.exp(S[i, n]) for n in neg)
            else:
                den = sum(torch.exp(S[i, j]) for j in pos + neg)
            total = total + S[i, p] - torch.log(den)
        losses.append(-total / len(pos))
        has_pos.append(True)
    losses = torch.stack(losses)
    has_pos = torch.tensor(has_pos)
    if average == 'all':
        return losses.mean()
    return losses[has_pos].mean() if has_pos.any() else torch.zeros(
        (), dtype=A.dtype)


def _data(n=24, m=None, d=8, k=4, seed=0, ignore=True):
    g = torch.Generator().manual_seed(seed)
    m = n if m is None else m
    A = F.normalize(torch.randn(n, d, generator=g, dtype=torch.float64), dim=1)
    K = F.normalize(torch.randn(m, d, generator=g, dtype=torch.float64), dim=1)
    low = -1 if ignore else 0
    la = torch.randint(low, k, (n, ), generator=g)
    la[0] = k + 3  # a singleton class
    lk = torch.randint(low, k, (m, ), generator=g)
    return A, la, K, lk


@pytest.mark.parametrize('negatives_only', [False, True])
@pytest.mark.parametrize('cross', [False, True])
@pytest.mark.parametrize('chunk_size', [None, 5])
@pytest.mark.parametrize('temperature', [0.1, 0.5])
def test_matches_naive_loop(negatives_only, cross, chunk_size, temperature):
    A, la, K, lk = _data()
    average = 'all' if negatives_only else 'with_positives'
    if cross:
        ref = naive_supcon(A, la, K, lk, temperature, negatives_only, True,
                           average)
        out = supcon_loss(A, la, K, lk, temperature, negatives_only, True,
                          chunk_size)
    else:
        ref = naive_supcon(A, la, A, la, temperature, negatives_only, True,
                           average)
        out = supcon_loss(A, la, None, None, temperature, negatives_only, True,
                          chunk_size)
    assert out.dtype == torch.float64
    torch.testing.assert_close(out, ref, atol=1e-10, rtol=0)


@pytest.mark.parametrize('negatives_only', [False, True])
@pytest.mark.parametrize('average', ['all', 'with_positives'])
def test_keep_diagonal_and_unrelated_key_set(negatives_only, average):
    A, la, K, lk = _data(n=10, m=15)
    ref = naive_supcon(A, la, K, lk, 0.2, negatives_only, False, average)
    out = supcon_loss(
        A,
        la,
        K,
        lk,
        0.2,
        negatives_only,
        exclude_diagonal=False,
        average=average)
    torch.testing.assert_close(out, ref, atol=1e-10, rtol=0)
    with pytest.raises(ValueError, match='exclude_diagonal'):
        supcon_loss(A, la, K, lk, 0.2, negatives_only, exclude_diagonal=True)


def test_cross_modal_default_key_labels_is_smmcl_cm_term():
    """key_labels=None reuses the anchor labels (SMMCL's L_cm with paired groups)."""
    A, la, K, _ = _data(ignore=False)
    ref = naive_supcon(A, la, K, la, 0.1, True, True, 'all')
    torch.testing.assert_close(
        supcon_loss(A, la, K, negatives_only=True), ref, atol=1e-10, rtol=0)


@pytest.mark.parametrize('negatives_only', [False, True])
def test_chunked_gradients_equal_unchunked(negatives_only):
    A, la, K, lk = _data(n=30, d=6)
    grads = []
    for chunk in (None, 7):
        a = A.clone().requires_grad_()
        k = K.clone().requires_grad_()
        supcon_loss(
            a, la, k, lk, 0.1, negatives_only, chunk_size=chunk).backward()
        grads.append((a.grad, k.grad))
    torch.testing.assert_close(grads[0][0], grads[1][0], atol=1e-12, rtol=0)
    torch.testing.assert_close(grads[0][1], grads[1][1], atol=1e-12, rtol=0)


@pytest.mark.parametrize('negatives_only', [False, True])
@pytest.mark.parametrize('cross', [False, True])
def test_gradcheck(negatives_only, cross):
    A, la, K, lk = _data(n=10, d=4, k=3)
    a = A.clone().requires_grad_()
    k = K.clone().requires_grad_()
    if cross:
        fn = lambda a, k: supcon_loss(
            a, la, k, lk, 0.5, negatives_only, chunk_size=3)  # noqa: E731
        assert torch.autograd.gradcheck(fn, (a, k))
    else:
        fn = lambda a: supcon_loss(a, la, None, None, 0.5, negatives_only
                                   )  # noqa: E731
        assert torch.autograd.gradcheck(fn, (a, ))


@pytest.mark.parametrize('negatives_only', [False, True])
def test_invariances(negatives_only):
    g = torch.Generator().manual_seed(3)
    X = torch.randn(20, 8, generator=g, dtype=torch.float64)
    Y = torch.randn(20, 8, generator=g, dtype=torch.float64)
    lab = torch.randint(0, 4, (20, ), generator=g)

    def loss(x, y, lab):
        return supcon_loss(
            F.normalize(x, dim=1), lab, F.normalize(y, dim=1), None, 0.1,
            negatives_only)

    base = loss(X, Y, lab)
    perm = torch.randperm(20, generator=g)
    torch.testing.assert_close(loss(X[perm], Y[perm], lab[perm]),
                               base)  # batch permutation
    torch.testing.assert_close(loss(X * 7.5, Y * 0.3, lab),
                               base)  # scaling before normalisation
    relabel = torch.tensor([3, 0, 2, 1])
    torch.testing.assert_close(loss(X, Y, relabel[lab]),
                               base)  # class renaming


def test_peer_pytorch_metric_learning_supcon():
    pml = pytest.importorskip('pytorch_metric_learning.losses')
    A, la, _, _ = _data(n=32, ignore=False)
    ref = pml.SupConLoss(temperature=0.1)(A, la)
    torch.testing.assert_close(
        supcon_loss(A, la, temperature=0.1), ref, atol=1e-6, rtol=0)


def test_peer_pytorch_metric_learning_ntxent_balanced_negatives_only():
    """With equal class counts the per-pair mean of NTXent equals the anchor mean."""
    pml = pytest.importorskip('pytorch_metric_learning.losses')
    g = torch.Generator().manual_seed(1)
    A = F.normalize(
        torch.randn(24, 8, generator=g, dtype=torch.float64), dim=1)
    lab = torch.arange(4).repeat(6)[torch.randperm(24, generator=g)]
    ref = pml.NTXentLoss(temperature=0.1)(A, lab)
    out = supcon_loss(A, lab, temperature=0.1, negatives_only=True)
    torch.testing.assert_close(out, ref, atol=1e-6, rtol=0)


@pytest.mark.parametrize('negatives_only', [False, True])
def test_edge_cases_finite_with_graph(negatives_only):
    x = F.normalize(torch.randn(6, 4), dim=1).requires_grad_()
    cases = {
        'all_ignore': torch.full((6, ), -1),
        'no_positives': torch.arange(6),
        'one_sample': torch.tensor([2]),
    }
    for name, lab in cases.items():
        a = x[:lab.numel()]
        out = supcon_loss(a, lab, negatives_only=negatives_only)
        assert torch.isfinite(out) and out.item() == 0, name
        out.backward()
        assert x.grad is not None and torch.isfinite(x.grad).all(), name
        x.grad = None
    # single class: no negatives -> the variant gives log 1 = 0, SupCon is finite
    out = supcon_loss(
        x, torch.zeros(6, dtype=torch.long), negatives_only=negatives_only)
    assert torch.isfinite(out)
    if negatives_only:
        assert out.item() == 0
    out.backward()
    assert torch.isfinite(x.grad).all()


def test_half_precision_input_is_computed_in_fp32():
    A, la, _, _ = _data(n=64, d=16, ignore=False)
    out = supcon_loss(
        A.half(), la, temperature=0.01,
        negatives_only=True)  # logits up to 100
    assert out.dtype == torch.float32 and torch.isfinite(out)
    torch.testing.assert_close(
        out.double(),
        supcon_loss(
            A.half().double(), la, temperature=0.01, negatives_only=True),
        atol=1e-4,
        rtol=0)


def test_loss_decreases_when_optimised():
    torch.manual_seed(0)
    x = torch.randn(32, 8, requires_grad=True)
    lab = torch.arange(4).repeat(8)
    opt = torch.optim.SGD([x], lr=0.5)
    first = None
    for _ in range(30):
        loss = supcon_loss(F.normalize(x, dim=1), lab, negatives_only=True)
        first = loss.item() if first is None else first
        opt.zero_grad()
        loss.backward()
        opt.step()
    assert loss.item() < 0.5 * first


def test_module_registry_and_validation():
    A, la, _, _ = _data(ignore=False)
    loss = MODELS.build(
        dict(
            type='SupConLoss',
            temperature=0.1,
            negatives_only=True,
            loss_weight=0.2))
    assert isinstance(loss, SupConLoss)
    torch.testing.assert_close(
        loss(A, la), 0.2 * supcon_loss(A, la, negatives_only=True))
    for bad in (dict(temperature=0), dict(chunk_size=0), dict(average='sum')):
        with pytest.raises(ValueError):
            SupConLoss(**bad)
    with pytest.raises(ValueError, match='anchor_labels'):
        supcon_loss(A, la[:-1])
    with pytest.raises(ValueError, match='keys'):
        supcon_loss(A, la, A[:, :3])
