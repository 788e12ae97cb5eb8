# Copyright (c) mmcontrast contributors. All rights reserved.
"""mmdet adapter: components registered in ``mmdet.registry``.

Configs load it with ``custom_imports=dict(imports=['mmcontrast.det'])``.
"""
from mmcontrast.utils.ops_check import check_mmcv_ops

check_mmcv_ops()  # the host library imports mmcv's compiled ops: fail early, clearly

import mmcontrast  # noqa: F401,E402  (core registrations, compat shims)

from . import models  # noqa: F401,E402
from . import datasets  # noqa: F401,E402
from . import visualization  # noqa: F401,E402
