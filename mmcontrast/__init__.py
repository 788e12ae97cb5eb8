# Copyright (c) mmcontrast contributors. All rights reserved.
"""mmcontrast: contrastive-learning methods as OpenMMLab 2.x plugins.

Importing ``mmcontrast`` registers the host-agnostic parts (contrastive
losses, test-time clusterers, hooks, schedulers) in mmengine's root registries, so they resolve from the mmseg,
mmdet and mmpretrain scopes alike, and makes ``mmcontrast::`` config paths
work. Host adapters are imported by the configs that need them through
``custom_imports``: ``mmcontrast.seg`` (mmseg), ``mmcontrast.pretrain``
(mmpretrain) and ``mmcontrast.det`` (mmdet).

``mmcontrast`` and ``mmcontrast.contrastive`` need only torch and mmengine;
the adapters check for mmcv's compiled ops (which mmseg/mmdet import) and
fail early with install instructions when they are missing.
"""
from .utils import register_checkpoint_compat, register_config_package
from .version import __version__, version_info

register_config_package()
register_checkpoint_compat()

from . import clustering, contrastive, engine  # noqa: E402,F401

__all__ = ['__version__', 'version_info']
