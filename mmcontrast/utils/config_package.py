# Copyright (c) mmcontrast contributors. All rights reserved.
"""Let mmengine resolve ``_base_ = 'mmcontrast::<method>/<file>.py'``.

Two things are needed, and both happen when ``mmcontrast`` is imported:

1. mmengine only loads ``package::path`` bases for packages listed in
   ``mmengine.config.utils.MODULE2PACKAGE`` and reads them from
   ``<package>/.mim/configs`` (``setup.py`` puts our configs there).
2. mmengine stamps ``_scope_='<package>'`` on every dict of a ``package::``
   base. That is right for ``mmseg::`` bases (their components live in the
   ``mmseg`` scope) but wrong for ours: an mmcontrast config *is* an mmseg,
   mmpretrain or mmdet config (its components live in the host registries and
   in mmengine's root), and there is no ``mmcontrast`` registry scope, so a
   stamped ``_scope_='mmcontrast'`` would make ``ADE20KDataset`` or
   ``ResNet`` unresolvable. :func:`register_config_package` therefore makes
   ``mmcontrast::`` bases scope-neutral: they take the ``default_scope`` of
   the config chain (ours inherit it from their ``mmseg::``/``mmpretrain::``/
   ``mmdet::`` bases), exactly as if the file had been inherited by path.
"""
from mmengine.config import Config
from mmengine.config import utils as config_utils

PACKAGE = 'mmcontrast'
_PATCHED = '_mmcontrast_scope_neutral'


def register_config_package() -> None:
    """Enable ``mmcontrast::`` config paths (idempotent)."""
    config_utils.MODULE2PACKAGE.setdefault(PACKAGE, PACKAGE)
    original = Config.__dict__['_dict_to_config_dict']
    if getattr(original, _PATCHED, False):
        return
    original_fn = original.__func__

    def _dict_to_config_dict(cfg, scope=None, has_scope=True):
        if scope == PACKAGE:
            scope = None  # take the host scope of the inheriting config
        return original_fn(cfg, scope=scope, has_scope=has_scope)

    _dict_to_config_dict.__doc__ = original_fn.__doc__
    wrapped = staticmethod(_dict_to_config_dict)
    setattr(wrapped.__func__, _PATCHED, True)
    setattr(wrapped, _PATCHED, True)
    Config._dict_to_config_dict = wrapped
