# Copyright (c) mmcontrast contributors. All rights reserved.
"""Let mmengine resolve ``_base_ = 'mmcontrast::<method>/<file>.py'``.

mmengine only loads ``package::path`` bases for packages listed in
``mmengine.config.utils.MODULE2PACKAGE`` and looks for their configs under
``<package>/.mim/configs``. ``setup.py`` places the configs there; this adds
the package to the table when ``mmcontrast`` is imported.
"""
from mmengine.config import utils as config_utils


def register_config_package() -> None:
    """Add mmcontrast to mmengine's table of packages with ``::`` configs."""
    config_utils.MODULE2PACKAGE.setdefault('mmcontrast', 'mmcontrast')
