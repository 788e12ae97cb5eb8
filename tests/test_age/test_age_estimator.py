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


def test_flip_test_averages():
    model = _model(flip_test=True).eval()
    x, ages, subj = _faces(1)
    with torch.no_grad():
        out = model.predict(x[:3])
        model.flip_test = False
        a = torch.stack([d.pred_age for d in model.predict(x[:3])])
        b = torch.stack([d.pred_age for d in model.predict(x[:3].flip(-1))])
    assert torch.allclose(torch.stack([d.pred_age for d in out]), (a + b) / 2, atol=1e-5)


def test_triplet_dataset_collate_and_epoch_hook(tmp_path):
    import cv2

    import mmcontrast.pretrain  # noqa: F401
    from mmpretrain.registry import DATASETS

    from mmcontrast.pretrain.datasets import AgeTripletEpochHook, age_triplet_collate
    from mmcontrast.pretrain.datasets.face_age_annotations import write_annotations
    (tmp_path / 'images').mkdir()
    items = []
    for s in range(3):
        for a in (0, 6, 12):
            name = f'{s:03d}A{a:02d}.JPG'
            cv2.imwrite(str(tmp_path / 'images' / name), np.full((8, 8, 3), 10 * a, np.uint8))
            items.append(dict(img_path=name, age=a, subject_id=s))
    write_annotations(items, str(tmp_path / 'ann.json'))
    from mmengine.registry import DefaultScope
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        _check_triplet_dataset(tmp_path, DATASETS, AgeTripletEpochHook, age_triplet_collate)


def _check_triplet_dataset(tmp_path, DATASETS, AgeTripletEpochHook, age_triplet_collate):
    pack = dict(type='PackInputs', algorithm_keys=('gt_age', 'subject_id'))
    ds = DATASETS.build(dict(
        type='AgeTripletDataset', seed=0, dataset=dict(
            type='FaceAgeDataset', data_root=str(tmp_path), ann_file='ann.json',
            data_prefix=dict(img_path='images'),
            pipeline=[dict(type='LoadImageFromFile'), pack])))
    batch = age_triplet_collate([ds[0], ds[1]])
    assert len(batch['inputs']) == 6 and batch['data_samples'][0].triplet_batch
    ages = [float(d.gt_age) for d in batch['data_samples']]
    subj = [int(d.subject_id) for d in batch['data_samples']]
    assert subj[2] != subj[0] and ages[2] == ages[0]  # positive of anchor 0
    assert subj[4] == subj[0] and abs(ages[4] - ages[0]) >= 5  # negative of anchor 0
    first = ds.draws['pos'].copy(), ds.draws['neg'].copy()

    class _Runner:
        epoch = 3
        train_dataloader = type('L', (), {'dataset': ds})()
    AgeTripletEpochHook().before_train_epoch(_Runner())
    assert ds.epoch == 3
    same = np.array_equal(first[0], ds.draws['pos']) and np.array_equal(first[1], ds.draws['neg'])
    lopo = DATASETS.build(dict(type='FaceAgeDataset', data_root=str(tmp_path), ann_file='ann.json',
                               lopo_fold=1, lopo_split='test', pipeline=[]))
    assert len(lopo) == 3 and set(lopo.subject_ids.tolist()) == {1}
    assert not same or len(ds) < 4  # tiny set: a redraw may coincide
