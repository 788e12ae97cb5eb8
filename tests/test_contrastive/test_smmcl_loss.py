# Copyright (c) mmcontrast contributors. All rights reserved.
"""SMMCL loss: naive triple-loop reference, peer, edge cases, gradients, invariances."""
import math

import pytest
import torch
import torch.nn.functional as F

from mmcontrast.contrastive.losses import SMMCLLoss, smmcl_loss, smmcl_terms
from mmcontrast.contrastive.samplers import class_balanced_sample, downsample_labels
from mmcontrast.registry import MODELS


def naive_neg_only(a, k, lab, tau, exclude_diagonal=True):
    """Spec's supcon_neg_only as a per-anchor / per-positive / per-negative loop."""
    n = a.shape[0]
    total = 0.0
    for i in range(n):
        pos = [p for p in range(n) if lab[p] == lab[i] and not (exclude_diagonal and p == i)]
        if not pos:
            continue                               # contributes 0, still counted in the mean
        negsum = 0.0
        for m in range(n):
            if lab[m] != lab[i]:
                negsum += math.exp(float(a[i] @ k[m]) / tau)
        li = 0.0
        for p in pos:
            s = float(a[i] @ k[p]) / tau
            li += s - math.log(math.exp(s) + negsum)
        total += -li / len(pos)
    return total / n


def _unit(n, d, seed, dtype=torch.float64):
    g = torch.Generator().manual_seed(seed)
    return F.normalize(torch.randn(n, d, generator=g, dtype=dtype), dim=1)


# 24 samples, 4 classes, with singleton classes (anchors without positives)
LAB = torch.tensor([0] * 8 + [1] * 7 + [2] * 1 + [3] * 1 + [0] * 3 + [1] * 4)


@pytest.mark.parametrize('tau,tau_cm', [(0.1, 0.1), (0.07, 0.5)])
def test_terms_match_naive_loop(tau, tau_cm):
    zc, zx = _unit(24, 8, 0), _unit(24, 8, 1)
    out = smmcl_terms(zc, zx, LAB, temperature=tau, temperature_cm=tau_cm)
    ref_vis = naive_neg_only(zc, zc, LAB, tau)
    ref_aux = naive_neg_only(zx, zx, LAB, tau)
    ref_cm = naive_neg_only(zc, zx, LAB, tau_cm)
    assert out['loss_vis'].dtype == torch.float64
    assert abs(out['loss_vis'].item() - ref_vis) < 1e-10
    assert abs(out['loss_aux'].item() - ref_aux) < 1e-10
    assert abs(out['loss_cm'].item() - ref_cm) < 1e-10
    sym = smmcl_terms(zc, zx, LAB, temperature=tau, temperature_cm=tau_cm, cm_symmetric=True)
    ref_sym = 0.5 * (ref_cm + naive_neg_only(zx, zc, LAB, tau_cm))
    assert abs(sym['loss_cm'].item() - ref_sym) < 1e-10


def test_composite_loss_matches_loop_on_its_own_draw():
    """smmcl_loss = sample (same generator) + gather + normalise + naive loop."""
    g = torch.Generator().manual_seed(0)
    emb_rgb = torch.randn(2, 6, 3, 4, generator=g, dtype=torch.float64)
    emb_x = torch.randn(2, 6, 3, 4, generator=g, dtype=torch.float64)
    labels = torch.randint(0, 3, (2, 96, 128), generator=g)
    labels[1, :40] = 255
    out = smmcl_loss(emb_rgb, emb_x, labels, num_classes=3, min_views=1, max_views=300,
                     generator=torch.Generator().manual_seed(5))
    y = downsample_labels(labels, (3, 4))
    s = class_balanced_sample(y, 3, min_views=1, generator=torch.Generator().manual_seed(5))
    flat_c = emb_rgb.permute(0, 2, 3, 1).reshape(-1, 6)
    flat_x = emb_x.permute(0, 2, 3, 1).reshape(-1, 6)
    zc = F.normalize(flat_c[s.index_a], dim=1)
    zx = F.normalize(flat_x[s.index_b], dim=1)
    assert abs(out['loss_vis'].item() - naive_neg_only(zc, zc, s.labels, 0.1)) < 1e-10
    assert abs(out['loss_aux'].item() - naive_neg_only(zx, zx, s.labels, 0.1)) < 1e-10
    assert abs(out['loss_cm'].item() - naive_neg_only(zc, zx, s.labels, 0.1)) < 1e-10


def test_peer_ntxent_on_balanced_labels():
    pml = pytest.importorskip('pytorch_metric_learning.losses')
    lab = torch.arange(4).repeat_interleave(5)           # balanced: 4 classes x 5
    z = _unit(20, 8, 3, dtype=torch.float32)
    ours = smmcl_terms(z, z, lab, temperature=0.1)['loss_vis']
    peer = pml.NTXentLoss(temperature=0.1)(z, lab)
    assert torch.allclose(ours, peer, atol=1e-5)


def _maps(b=2, d=8, h=3, w=4, seed=0, dtype=torch.float32):
    g = torch.Generator().manual_seed(seed)
    return (torch.randn(b, d, h, w, generator=g, dtype=dtype, requires_grad=True),
            torch.randn(b, d, h, w, generator=g, dtype=dtype, requires_grad=True))


@pytest.mark.parametrize('case', ['all_ignore', 'below_min_views', 'cap_below_groups',
                                  'one_class', 'one_sample'])
def test_edge_cases_are_finite_and_backpropagate(case):
    emb_rgb, emb_x = _maps()
    labels = torch.randint(0, 4, (2, 96, 128), generator=torch.Generator().manual_seed(0))
    kwargs = dict(min_views=1)
    if case == 'all_ignore':
        labels = torch.full_like(labels, 255)
    elif case == 'below_min_views':
        kwargs = dict(min_views=5)           # 3x4 grid with 4 classes: no group reaches 5
        labels = torch.arange(12).reshape(1, 3, 4).repeat(2, 32, 32) % 4
    elif case == 'cap_below_groups':
        kwargs = dict(min_views=1, max_total=3)   # 8 groups > 3: V = 0
    elif case == 'one_class':
        labels = torch.zeros_like(labels)
    elif case == 'one_sample':
        labels = torch.full_like(labels, 255)
        labels[0, :32, :32] = 1              # exactly one cell of the 3x4 grid
    out = smmcl_loss(emb_rgb, emb_x, labels, 4, **kwargs)
    total = sum(out.values())
    assert torch.isfinite(total)
    assert total.item() == 0.0               # nothing to contrast in every case above
    total.backward()
    assert emb_rgb.grad is not None and torch.isfinite(emb_rgb.grad).all()
    assert emb_x.grad is not None


def test_half_precision_inputs_run_in_fp32():
    emb_rgb, emb_x = _maps()
    e1 = (emb_rgb * 50).half().detach().requires_grad_()
    e2 = (emb_x * 50).half().detach().requires_grad_()
    labels = torch.randint(0, 3, (2, 96, 128), generator=torch.Generator().manual_seed(1))
    out = smmcl_loss(e1, e2, labels, 3, min_views=1)
    assert all(v.dtype == torch.float32 and torch.isfinite(v) for v in out.values())
    sum(out.values()).backward()
    assert torch.isfinite(e1.grad.float()).all()


def test_gradcheck():
    lab = torch.tensor([0, 0, 0, 1, 1, 1, 2, 2, 3, 0])
    zc = torch.randn(10, 4, dtype=torch.float64, requires_grad=True)
    zx = torch.randn(10, 4, dtype=torch.float64, requires_grad=True)

    def f(a, b):
        t = smmcl_terms(F.normalize(a, dim=1), F.normalize(b, dim=1), lab)
        return t['loss_cm'] + t['loss_vis'] + 2 * t['loss_aux']

    assert torch.autograd.gradcheck(f, (zc, zx))

    emb_rgb, emb_x = _maps(dtype=torch.float64, seed=2)
    labels = torch.randint(0, 3, (2, 96, 128), generator=torch.Generator().manual_seed(2))

    def g(a, b):
        out = smmcl_loss(a, b, labels, 3, min_views=1,
                         generator=torch.Generator().manual_seed(0))
        return sum(out.values())

    assert torch.autograd.gradcheck(g, (emb_rgb, emb_x))


def test_invariances():
    zc, zx = _unit(24, 8, 0), _unit(24, 8, 1)
    ref = smmcl_terms(zc, zx, LAB)
    perm = torch.randperm(24, generator=torch.Generator().manual_seed(0))
    permuted = smmcl_terms(zc[perm], zx[perm], LAB[perm])
    relabel = torch.tensor([2, 0, 3, 1])[LAB]
    relabelled = smmcl_terms(zc, zx, relabel)
    for k in ref:
        assert torch.allclose(ref[k], permuted[k], atol=1e-12)
        assert torch.allclose(ref[k], relabelled[k], atol=1e-12)
    # positive scaling of the embedding maps (normalised inside)
    emb_rgb, emb_x = _maps(dtype=torch.float64)
    labels = torch.randint(0, 3, (2, 96, 128), generator=torch.Generator().manual_seed(3))
    a = smmcl_loss(emb_rgb, emb_x, labels, 3, min_views=1,
                   generator=torch.Generator().manual_seed(0))
    b = smmcl_loss(7.5 * emb_rgb, 0.2 * emb_x, labels, 3, min_views=1,
                   generator=torch.Generator().manual_seed(0))
    for k in a:
        assert torch.allclose(a[k], b[k], atol=1e-12)


def test_paired_sampling_uses_aligned_cells():
    """With paired sampling and X == RGB, the cross-modal term equals the RGB term."""
    emb_rgb, _ = _maps()
    labels = torch.randint(0, 3, (2, 96, 128), generator=torch.Generator().manual_seed(4))
    out = smmcl_loss(emb_rgb, emb_rgb, labels, 3, min_views=1, paired_sampling=True)
    assert torch.allclose(out['loss_cm'], out['loss_vis'], atol=1e-6)
    out = smmcl_loss(emb_rgb, emb_rgb, labels, 3, min_views=1, max_views=2,
                     generator=torch.Generator().manual_seed(0))
    assert not torch.allclose(out['loss_cm'], out['loss_vis'])


def test_module_weights_registry_and_validation():
    loss = MODELS.build(dict(type='SMMCLLoss', min_views=1, loss_weight_cm=0.5,
                             loss_weight_vis=0.0))
    emb_rgb, emb_x = _maps()
    labels = torch.randint(0, 3, (2, 96, 128), generator=torch.Generator().manual_seed(5))
    raw = smmcl_loss(emb_rgb, emb_x, labels, 3, min_views=1,
                     generator=torch.Generator().manual_seed(0))
    out = loss(emb_rgb, emb_x, labels, 3, generator=torch.Generator().manual_seed(0))
    assert torch.allclose(out['loss_cm'], 0.5 * raw['loss_cm'])
    assert out['loss_vis'].item() == 0.0
    assert torch.allclose(out['loss_aux'], 0.2 * raw['loss_aux'])
    for bad in [dict(min_views=0), dict(max_views=2, min_views=3), dict(max_total=0),
                dict(temperature=0.), dict(temperature_cm=-1.), dict(loss_weight_cm=-1.),
                dict(chunk_size=0)]:
        with pytest.raises(ValueError):
            SMMCLLoss(**bad)


def test_chunked_equals_unchunked():
    emb_rgb, emb_x = _maps(b=2, d=8, h=6, w=8)
    labels = torch.randint(0, 4, (2, 192, 256), generator=torch.Generator().manual_seed(6))
    a = smmcl_loss(emb_rgb, emb_x, labels, 4, min_views=1,
                   generator=torch.Generator().manual_seed(0))
    b = smmcl_loss(emb_rgb, emb_x, labels, 4, min_views=1, chunk_size=7,
                   generator=torch.Generator().manual_seed(0))
    for k in a:
        assert torch.allclose(a[k], b[k], atol=1e-6)


def test_bad_input_is_rejected_and_max_views_switch():
    g = torch.Generator().manual_seed(0)
    emb = torch.randn(2, 8, 4, 4, generator=g)
    labels = torch.randint(0, 3, (2, 4, 4), generator=g)
    bad = emb.clone()
    bad[0, 0, 0, 0] = float('nan')
    with pytest.raises(ValueError, match='emb_rgb holds 1 non-finite'):
        smmcl_loss(bad, emb, labels, num_classes=3, min_views=1)
    with pytest.raises(ValueError, match='emb_x holds'):
        smmcl_loss(emb, emb.masked_fill(emb > 1, float('inf')), labels, num_classes=3,
                   min_views=1)
    with pytest.raises(ValueError, match='labels holds id 3 >= num_classes=3'):
        smmcl_loss(emb, emb, labels.masked_fill(labels == 2, 3), num_classes=3, min_views=1)
    with pytest.raises(ValueError, match='labels must be an integer'):
        smmcl_loss(emb, emb, labels.float(), num_classes=3, min_views=1)
    with pytest.raises(ValueError, match='overflows'):
        SMMCLLoss(temperature=1e-40)
    # the official max_views rule is a documented switch on the module
    SMMCLLoss(min_views=5, max_views=1, cap_single_view=False)
    with pytest.raises(ValueError, match='min_views'):
        SMMCLLoss(min_views=5, max_views=1)
    a = smmcl_loss(emb, emb, labels, 3, min_views=1, max_views=1, generator=torch.Generator()
                   .manual_seed(1), paired_sampling=True)
    b = smmcl_loss(emb, emb, labels, 3, min_views=1, max_views=1, generator=torch.Generator()
                   .manual_seed(1), paired_sampling=True, cap_single_view=False)
    assert all(torch.isfinite(v) for v in a.values()) and not torch.equal(a['loss_vis'],
                                                                          b['loss_vis'])
