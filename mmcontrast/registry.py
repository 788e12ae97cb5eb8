# Copyright (c) mmcontrast contributors. All rights reserved.
"""Where mmcontrast components are registered.

Host-agnostic components (contrastive losses, clusterers, hooks) go into
mmengine's **root** registries re-exported here. Every host registry
(``mmseg``, ``mmdet``, ``mmpretrain``) is a child of the root, so a root entry
resolves under any ``default_scope`` and inside nested builds of host modules
(e.g. a ``loss_decode`` built by an mmseg head) without a scope prefix.

Host-specific components (backbones, heads, segmentors, datasets, transforms,
metrics) are registered in the host library's own registry by the adapters in
``mmcontrast.seg``, ``mmcontrast.pretrain`` and ``mmcontrast.det``.

A private ``mmcontrast`` scope is deliberately not used: host modules build
their children in the default scope, where a private child registry is not
visible.
"""
from mmengine.registry import DATA_SAMPLERS, HOOKS, LOOPS, METRICS, MODELS, TRANSFORMS

__all__ = ['MODELS', 'HOOKS', 'LOOPS', 'METRICS', 'TRANSFORMS', 'DATA_SAMPLERS']
