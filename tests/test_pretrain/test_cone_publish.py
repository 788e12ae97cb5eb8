# Copyright (c) mmcontrast contributors. All rights reserved.
"""tools/model_converters/cone_publish.py: the stripped checkpoint predicts as the original."""
import importlib.util
import os.path as osp

import pytest
import torch
from mmengine.logging import MessageHub
from mmpretrain.registry import MODELS

import mmcontrast.pretrain  # noqa: F401


def _converter(repo_root):
    spec = importlib.util.spec_from_file_location(
        'cone_publish', osp.join(repo_root, 'tools/model_converters/cone_publish.py'))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_strip_and_load_into_ce_baseline(repo_root):
    MessageHub.get_current_instance().update_info('max_iters', 10)
    parts = dict(
        backbone=dict(
            type='ResNet_CIFAR', depth=18, stem_channels=8, base_channels=8, out_indices=(3, )),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(type='CoNeHead', num_classes=5, in_channels=64, hidden_channels=32, proj_dim=16,
                  nb_loss=dict(type='NeighbourContrastLoss', knn_k=4)))
    torch.manual_seed(0)
    cone = MODELS.build(dict(type='CoNeClassifier', queue_size=16, **parts)).eval()
    out = _converter(repo_root).convert(dict(state_dict=cone.state_dict(), meta=dict(epoch=1)))
    keys = set(out['state_dict'])
    assert not any(k.startswith(('key_encoder.', 'queue.')) for k in keys)
    assert out['meta'] == dict(epoch=1)
    baseline = MODELS.build(dict(type='ImageClassifier', **parts)).eval()
    baseline.load_state_dict(out['state_dict'], strict=True)
    x = torch.randn(3, 3, 8, 8)
    assert torch.allclose(baseline.predict(x)[0].pred_score, cone.predict(x)[0].pred_score)
    with pytest.raises(ValueError, match='backbone'):
        _converter(repo_root).convert(dict(state_dict={'foo': torch.zeros(1)}))
