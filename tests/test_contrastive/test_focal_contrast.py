# Copyright (c) mmcontrast contributors. All rights reserved.
"""FOCAL v1 loss vs a naive per-image, per-anchor loop (the official algorithm)."""
import math

import pytest
import torch
import torch.nn.functional as F

from mmcontrast.contrastive.losses import FOCALContrastLoss, focal_contrast_loss, focal_group_loss
from mmcontrast.contrastive.samplers import sample_two_groups
from mmcontrast.registry import MODELS


def naive_focal(feats, labels, tau=0.1, pos_mode='mean_sim', symmetric=False,
                subsets=None):
    """Official FOCAL loop (image by image, anchor by anchor), float64.

    ``subsets`` optionally gives per image the (pristine, forged) pixel indices
    to use (the sampled dictionaries)."""
    B, C = feats.shape[:2]
    f = F.normalize(feats.double(), dim=1).flatten(2)  # (B, C, N)
    lab = labels.flatten(1)
    per_image = []
    for b in range(B):
        qi = torch.nonzero(lab[b] == 0).flatten().tolist()
        ni = torch.nonzero(lab[b] == 1).flatten().tolist()
        if subsets is not None:
            qi, ni = subsets[b]
        terms = []
        for anchors, negs in ([(qi, ni)] + ([(ni, qi)] if symmetric else [])):
            if len(anchors) < 2 or len(negs) == 0:
                continue
            losses = []
            for i in anchors:
                a = f[b, :, i]
                sims_pos = [a @ f[b, :, j] / tau for j in anchors if j != i]
                sims_neg = [a @ f[b, :, m] / tau for m in negs]
                if pos_mode == 'mean_sim':
                    pos = sum(sims_pos) / len(sims_pos)
                    den = math.log(math.exp(pos) + sum(math.exp(s) for s in sims_neg))
                    losses.append(den - pos)
                else:
                    den = math.log(sum(math.exp(s) for s in sims_pos + sims_neg))
                    losses.append(sum(den - s for s in sims_pos) / len(sims_pos))
            terms.append(sum(losses) / len(losses))
        if terms:
            per_image.append(sum(terms) / len(terms))
    return sum(per_image) / len(per_image) if per_image else 0.0


def _toy(B=3, C=5, h=2, w=5, seed=0):
    g = torch.Generator().manual_seed(seed)
    feats = torch.randn(B, C, h, w, generator=g, dtype=torch.float64)
    labels = torch.zeros(B, h, w, dtype=torch.long)
    labels.view(B, -1)[:, :4] = 1  # nq = 6, nf = 4 per image
    perm = torch.randperm(h * w, generator=g)
    labels = labels.view(B, -1)[:, perm].view(B, h, w)
    return feats, labels


@pytest.mark.parametrize('pos_mode', ['mean_sim', 'supcon'])
@pytest.mark.parametrize('symmetric', [False, True])
@pytest.mark.parametrize('tau', [0.1, 0.5])
def test_matches_naive_loop(pos_mode, symmetric, tau):
    feats, labels = _toy()
    labels[1, 0, 0] = 255  # ignored pixel
    loss = focal_contrast_loss(feats, labels, tau, dict_size=1000, pos_mode=pos_mode,
                               symmetric=symmetric)
    ref = naive_focal(feats, labels, tau, pos_mode, symmetric)
    assert loss.dtype == torch.float64
    assert abs(loss.item() - ref) < 1e-10


def test_subsampled_dictionary_matches_loop_on_same_indices():
    feats, labels = _toy(B=2, C=4, h=4, w=6)  # nq = 20, nf = 4
    cap = 5
    g1 = torch.Generator().manual_seed(7)
    loss = focal_contrast_loss(feats, labels, 0.1, dict_size=cap, generator=g1)
    g2 = torch.Generator().manual_seed(7)
    x = F.normalize(feats, dim=1).flatten(2).transpose(1, 2)
    s = sample_two_groups(x, labels.flatten(1), cap, g2)
    subsets = []
    for b in range(2):
        qi = s['q_index'][b][s['q_valid'][b]].tolist()
        ni = s['n_index'][b][s['n_valid'][b]].tolist()
        assert len(qi) == cap and len(set(qi)) == cap and len(ni) == 4
        assert all(labels.flatten(1)[b, i] == 0 for i in qi)
        subsets.append((qi, ni))
    assert abs(loss.item() - naive_focal(feats, labels, 0.1, subsets=subsets)) < 1e-10


def test_per_image_independence():
    feats, labels = _toy(B=3)
    feats.requires_grad_(True)
    per_image_loss = focal_contrast_loss(feats[:1], labels[:1])
    (grad,) = torch.autograd.grad(per_image_loss, feats)
    assert grad[0].abs().sum() > 0
    assert torch.equal(grad[1:], torch.zeros_like(grad[1:]))
    # the batch loss is the mean of the per-image losses
    batch = focal_contrast_loss(feats, labels)
    singles = [focal_contrast_loss(feats[b:b + 1], labels[b:b + 1]) for b in range(3)]
    assert torch.allclose(batch, torch.stack(singles).mean(), atol=1e-12)


def test_invariances():
    feats, labels = _toy(B=2)
    base = focal_contrast_loss(feats, labels)
    perm = torch.randperm(10)
    f2 = feats.flatten(2)[:, :, perm].view_as(feats)
    l2 = labels.flatten(1)[:, perm].view_as(labels)
    assert torch.allclose(focal_contrast_loss(f2, l2), base, atol=1e-12)
    assert torch.allclose(focal_contrast_loss(feats * 3.7, labels), base, atol=1e-12)


@pytest.mark.parametrize('case', ['authentic', 'all_forged', 'one_pristine', 'tiny'])
def test_edge_cases_finite_zero_with_graph(case):
    feats = torch.randn(2, 4, 3, 3, requires_grad=True)
    labels = torch.zeros(2, 3, 3, dtype=torch.long)
    if case == 'all_forged':
        labels[:] = 1
    elif case == 'one_pristine':
        labels[:] = 1
        labels[:, 1, 1] = 0
    elif case == 'tiny':
        feats = torch.randn(2, 4, 1, 1, requires_grad=True)
        labels = torch.zeros(2, 1, 1, dtype=torch.long)
    loss = FOCALContrastLoss()(feats, labels)
    assert torch.isfinite(loss) and loss.item() == 0
    loss.backward()
    assert torch.isfinite(feats.grad).all()


def test_mixed_batch_skips_invalid_images_and_keeps_finite_grad():
    feats, labels = _toy(B=3)
    labels[0] = 0          # authentic
    labels[1] = 1
    labels[1, 0, 0] = 0    # one pristine cell
    feats.requires_grad_(True)
    loss = focal_contrast_loss(feats, labels)
    ref = naive_focal(feats.detach(), labels)
    assert abs(loss.item() - ref) < 1e-10
    loss.backward()
    assert torch.isfinite(feats.grad).all()
    assert feats.grad[:2].abs().sum() == 0


def test_gradcheck():
    feats, labels = _toy(B=2, C=3, h=2, w=3)
    feats.requires_grad_(True)
    assert torch.autograd.gradcheck(
        lambda f: focal_contrast_loss(f, labels, 0.5, symmetric=True), (feats,))


def test_module_resizes_labels_and_validates():
    loss = MODELS.build(dict(type='FOCALContrastLoss', loss_weight=2.0))
    feats, labels = _toy(B=2, h=2, w=5)
    big = labels.repeat_interleave(4, 1).repeat_interleave(4, 2)  # (B, 8, 20)
    assert torch.allclose(loss(feats, big[:, None]), 2 * focal_contrast_loss(feats, labels))
    assert loss.loss_name == 'loss_focal'
    with pytest.raises(ValueError, match='temperature'):
        FOCALContrastLoss(temperature=0)
    with pytest.raises(ValueError, match='dict_size'):
        FOCALContrastLoss(dict_size=1)
    with pytest.raises(ValueError, match='pos_mode'):
        FOCALContrastLoss(pos_mode='euclidean')


def test_loss_decreases_when_training_features():
    feats, labels = _toy(B=2, C=8, h=4, w=4, seed=3)
    feats = feats.float().requires_grad_(True)
    opt = torch.optim.SGD([feats], lr=1.0)
    first = None
    for _ in range(20):
        loss = focal_contrast_loss(feats, labels)
        first = loss.item() if first is None else first
        opt.zero_grad()
        loss.backward()
        opt.step()
    assert loss.item() < 0.5 * first


def test_fp32_under_autocast_and_half_inputs():
    feats, labels = _toy(B=2)
    ref = focal_contrast_loss(feats.float(), labels)
    with torch.autocast('cpu', dtype=torch.bfloat16):
        out = focal_contrast_loss(feats.float(), labels)
    assert out.dtype == torch.float32 and torch.allclose(out, ref, atol=1e-6)
    half = focal_contrast_loss(feats.bfloat16(), labels)
    assert half.dtype == torch.float32 and torch.isfinite(half)


def test_mixed_batch_real_size_blocks_equal_padded_groups():
    """Authentic + small-forgery + uneven images: real-size buckets == padded focal_group_loss."""
    g = torch.Generator().manual_seed(3)
    feats = torch.randn(3, 4, 6, 5, generator=g, dtype=torch.float64)
    labels = torch.zeros(3, 6, 5, dtype=torch.long)
    labels[1, :2, :2] = 1  # 4 forged cells
    labels[2, :, 3:] = 1   # 12 forged cells, 18 pristine
    for pos_mode in ('mean_sim', 'supcon'):
        loss = focal_contrast_loss(feats, labels, 0.2, dict_size=1000, pos_mode=pos_mode)
        x = F.normalize(feats, dim=1).flatten(2).transpose(1, 2)
        s = sample_two_groups(x, labels.flatten(1), 1000)
        padded, valid = focal_group_loss(s['q'], s['q_valid'], s['n'], s['n_valid'], 0.2,
                                         pos_mode)
        assert valid.tolist() == [False, True, True]
        torch.testing.assert_close(loss, padded[valid].mean(), atol=1e-12, rtol=0)
        single = focal_contrast_loss(feats[1:2], labels[1:2], 0.2, pos_mode=pos_mode)
        torch.testing.assert_close(single, padded[1], atol=1e-12, rtol=0)


def test_bad_input_is_rejected():
    feats, labels = _toy()
    bad = feats.clone()
    bad[0, 0, 0, 0] = float('inf')
    with pytest.raises(ValueError, match='feats holds 1 non-finite'):
        focal_contrast_loss(bad, labels)
    with pytest.raises(ValueError, match='labels must be an integer'):
        focal_contrast_loss(feats, labels.double())
    with pytest.raises(ValueError, match='labels'):
        focal_contrast_loss(feats, labels[:, :-1])
    with pytest.raises(ValueError, match='overflows'):
        focal_contrast_loss(feats, labels, temperature=1e-39)
