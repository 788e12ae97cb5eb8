# Copyright (c) mmcontrast contributors. All rights reserved.
"""Registry resolution matrix: host scopes x (root component, host component, nested build)."""
import pytest
import torch.nn as nn
from mmengine.registry import DefaultScope, init_default_scope

import mmcontrast  # noqa: F401
from mmcontrast.registry import HOOKS
from mmcontrast.registry import MODELS as ROOT_MODELS

HOSTS = ('mmseg', 'mmpretrain', 'mmdet')


@ROOT_MODELS.register_module(force=True)
class _ToyRootLoss(nn.Module):
    """A host-agnostic loss, registered where mmcontrast registers its core."""

    def __init__(self, loss_weight=1.0, **kwargs):
        super().__init__()
        self.loss_weight = loss_weight

    def forward(self, *args, **kwargs):
        return 0.0


@HOOKS.register_module(force=True)
class _ToyRootHook:
    priority = 'NORMAL'

    def __init__(self, interval=1):
        self.interval = interval


def _host_models(host):
    if host == 'mmseg':
        from mmseg.registry import MODELS
    elif host == 'mmpretrain':
        from mmpretrain.registry import MODELS
    else:
        from mmdet.registry import MODELS
    return MODELS


def _host_hooks(host):
    if host == 'mmseg':
        from mmseg.registry import HOOKS as H
    elif host == 'mmpretrain':
        from mmpretrain.registry import HOOKS as H
    else:
        from mmdet.registry import HOOKS as H
    return H


@pytest.fixture(autouse=True)
def _fresh_scope():
    yield
    # Do not leak a default scope into other tests.
    DefaultScope._instance_dict.clear()


@pytest.mark.parametrize('host', HOSTS)
def test_root_component_resolves_in_every_host_scope(host):
    init_default_scope(host)
    # through mmengine's root registry (what the runner uses) ...
    assert isinstance(ROOT_MODELS.build(dict(type='_ToyRootLoss')), _ToyRootLoss)
    # ... and through the host's own registry (what host modules use)
    assert isinstance(_host_models(host).build(dict(type='_ToyRootLoss')), _ToyRootLoss)
    hook = _host_hooks(host).build(dict(type='_ToyRootHook', interval=3))
    assert hook.interval == 3


@pytest.mark.parametrize('host', HOSTS)
def test_registered_core_losses_resolve_in_every_host_scope(host):
    """Every loss and clusterer mmcontrast registers in the root resolves, unprefixed, from each host."""
    names = [
        name for name, cls in ROOT_MODELS.module_dict.items()
        if cls.__module__.startswith(('mmcontrast.contrastive', 'mmcontrast.clustering'))
    ]
    assert names, 'the contrastive core registered no component'
    init_default_scope(host)
    registry = _host_models(host)
    for name in names:
        assert registry.get(name) is ROOT_MODELS.get(name), name


def test_nested_build_inside_mmseg_head():
    init_default_scope('mmseg')
    from mmseg.registry import MODELS
    head = MODELS.build(
        dict(
            type='FCNHead',
            in_channels=8,
            channels=4,
            num_convs=1,
            num_classes=3,
            loss_decode=dict(type='_ToyRootLoss', loss_weight=0.5)))
    assert isinstance(head.loss_decode, _ToyRootLoss)
    assert head.loss_decode.loss_weight == 0.5


def test_nested_build_inside_mmpretrain_head():
    init_default_scope('mmpretrain')
    from mmpretrain.registry import MODELS
    head = MODELS.build(
        dict(
            type='LinearClsHead',
            num_classes=3,
            in_channels=8,
            loss=dict(type='_ToyRootLoss', loss_weight=0.25)))
    assert isinstance(head.loss_module, _ToyRootLoss)


def test_nested_build_inside_mmdet_head():
    init_default_scope('mmdet')
    from mmdet.registry import MODELS
    head = MODELS.build(
        dict(
            type='RPNHead',
            in_channels=8,
            feat_channels=8,
            anchor_generator=dict(
                type='AnchorGenerator', scales=[8], ratios=[1.0], strides=[4]),
            bbox_coder=dict(type='DeltaXYWHBBoxCoder'),
            loss_cls=dict(type='_ToyRootLoss', use_sigmoid=True),
            loss_bbox=dict(type='L1Loss')))
    assert isinstance(head.loss_cls, _ToyRootLoss)


def test_host_component_resolves_only_in_its_scope():
    """A component in mmseg's registry is unprefixed under mmseg, prefixed elsewhere."""
    from mmseg.registry import MODELS as SEG_MODELS

    @SEG_MODELS.register_module(force=True)
    class _ToySegOnly(nn.Module):
        pass

    init_default_scope('mmseg')
    assert isinstance(SEG_MODELS.build(dict(type='_ToySegOnly')), _ToySegOnly)
    DefaultScope._instance_dict.clear()
    init_default_scope('mmpretrain')
    from mmpretrain.registry import MODELS as PRE_MODELS
    with pytest.raises(KeyError):
        PRE_MODELS.build(dict(type='_ToySegOnly'))
    assert isinstance(PRE_MODELS.build(dict(type='mmseg._ToySegOnly')), _ToySegOnly)


def test_mmseg_config_with_default_scope_builds_host_and_root_parts(repo_root):
    """A config inheriting mmseg:: bases builds with no scope prefix anywhere."""
    from mmengine.config import Config
    cfg = Config.fromfile(
        f'{repo_root}/tests/test_foundation/configs/tiny_fcn_syncbn_mini-ade.py')
    assert cfg.default_scope == 'mmseg'
    cfg.model.decode_head.loss_decode = dict(type='_ToyRootLoss')
    init_default_scope(cfg.default_scope)
    model = ROOT_MODELS.build(cfg.model)
    assert isinstance(model.decode_head.loss_decode, _ToyRootLoss)
