# Copyright (c) mmcontrast contributors. All rights reserved.
"""AgeEstimator: one concatenated forward, pred_age, in-batch mining, fast learning test."""
import numpy as np
import pytest
import torch
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample

from mmcontrast.pretrain.datasets.age_triplet_sampling import sample_age_triplets


def _model(**kw):
    import mmcontrast.pretrain  # noqa: F401
    return MODELS.build(dict(
        type='AgeEstimator',
        backbone=dict(type='ResNet_CIFAR', depth=18, stem_channels=8, base_channels=8,
                      num_stages=4, out_indices=(3, )),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(type='AgeContrastHead', in_channels=64, hidden_channels=32, embed_dim=16,
                  num_bins=10, reg_loss='ce_soft', soft_sigma=1.0),
        **kw))


def _faces(n_subjects=8, seed=0):
    """16x16 "faces": age = bar length 0..9, identity = tint + offset per subject."""
    rng = np.random.default_rng(seed)
    imgs, ages, subj = [], [], []
    for s in range(n_subjects):
        tint, off = rng.uniform(0.3, 1, 3), rng.integers(0, 4)
        for a in range(10):
            img = np.zeros((3, 16, 16), np.float32) + rng.uniform(0, 0.1)
            img[:, 3 + off:7 + off, 2:2 + a + 1] = tint[:, None, None]
            imgs.append(img)
            ages.append(a)
            subj.append(s)
    return torch.tensor(np.stack(imgs)), np.array(ages, float), np.array(subj)


def _samples(ages, subj, triplet=False):
    out = []
    for a, s in zip(ages, subj):
        ds = DataSample()
        ds.set_field(float(a), 'gt_age')
        ds.set_field(int(s), 'subject_id')
        if triplet:
            ds.set_metainfo(dict(triplet_batch=True))
        out.append(ds)
    return out


def test_one_concatenated_forward_and_pred_age():
    model = _model()
    calls = []
    model.backbone.register_forward_hook(lambda m, i, o: calls.append(i[0].shape[0]))
    x, ages, subj = _faces(2)
    idx = np.array([0, 1, 2])
    d = sample_age_triplets(ages, subj)
    order = np.concatenate([idx, d['pos'][idx], d['neg'][idx]])
    samples = _samples(ages[order], subj[order], triplet=True)
    samples[0].set_metainfo(dict(valid_n=False, pos_widened=True))
    losses = model.loss(x[order], samples)
    assert calls == [9]
    assert {'loss_reg', 'loss_cos', 'loss_tri'} <= set(losses)
    assert all(torch.isfinite(v) for v in losses.values())
    assert np.isclose(losses['pos_widened_rate'].item(), 1 / 3)
    out = model.predict(x[:4], _samples(ages[:4], subj[:4]))
    assert all(0 <= float(o.pred_age) <= 9 for o in out)


@pytest.mark.parametrize('mining', ['all', 'hard'])
def test_in_batch_mining(mining):
    model = _model(in_batch_mining=True, mining=mining, delta_neg=3)
    x, ages, subj = _faces(3)
    losses = model.loss(x, _samples(ages, subj))
    assert losses['num_triplets'] > 0 and torch.isfinite(losses['loss_tri'])


def test_learning_beats_untrained_and_mean_predictor():
    torch.manual_seed(0)
    model = _model()
    x, ages, subj = _faces(10)
    train = subj < 7
    xt, at, st = x[train], ages[train], subj[train]
    xv, av = x[~train], ages[~train]

    def mae():
        model.eval()
        with torch.no_grad():
            pred = np.array([float(d.pred_age) for d in model.predict(xv)])
        model.train()
        return np.abs(pred - av).mean()

    untrained = mae()
    mean_pred = np.abs(at.mean() - av).mean()
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    rng = np.random.default_rng(0)
    for step in range(40):
        d = sample_age_triplets(at, st, seed=0, epoch=step)
        idx = rng.choice(len(at), 16, replace=False)
        order = np.concatenate([idx, d['pos'][idx], d['neg'][idx]])
        losses = model.loss(xt[order], _samples(at[order], st[order], triplet=True))
        loss = sum(v for k, v in losses.items() if k.startswith('loss'))
        opt.zero_grad()
        loss.backward()
        opt.step()
    trained = mae()
    assert trained < untrained and trained < 0.7 * mean_pred, (trained, untrained, mean_pred)
