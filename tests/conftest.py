# Copyright (c) mmcontrast contributors. All rights reserved.
"""Shared fixtures. ``tests/`` has no ``__init__.py`` on purpose: the mmseg
wheel installs a top-level ``tests`` package into site-packages."""
import os
import os.path as osp

import pytest

REPO_ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))


@pytest.fixture(scope='session')
def repo_root() -> str:
    """Absolute path of the repository (configs/ and tools/ live there)."""
    return REPO_ROOT


@pytest.fixture(scope='session')
def mini_data_root() -> str:
    """Generate (or reuse) every mini dataset; return their parent folder.

    The folder is ``$MMCONTRAST_MINI_ROOT`` or ``<repo>/data/mini``, the
    ``data_root`` prefix used by the tiny configs.
    """
    from mmcontrast.mini_datasets import make_mini_datasets
    root = os.environ.get('MMCONTRAST_MINI_ROOT', osp.join(REPO_ROOT, 'data', 'mini'))
    make_mini_datasets(root)
    return root


@pytest.fixture(autouse=True)
def _reset_default_scope():
    """Keep one test's ``init_default_scope`` (or runner) from leaking into the next.

    A leaked ``mmpretrain`` scope would make ``mmseg.registry.MODELS.build``
    look in mmpretrain's registry, so results would depend on test order.
    """
    yield
    from mmengine.registry import DefaultScope
    DefaultScope._instance_dict.clear()
