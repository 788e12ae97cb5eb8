# Copyright (c) mmcontrast contributors. All rights reserved.
"""mmseg adapter: components registered in ``mmseg.registry``.

Configs load it with ``custom_imports=dict(imports=['mmcontrast.seg'])``.
"""
from mmcontrast.utils.ops_check import check_mmcv_ops

check_mmcv_ops()  # the host library imports mmcv's compiled ops: fail early, clearly

import mmcontrast  # noqa: F401,E402  (core registrations, compat shims)

from . import apis, datasets, evaluation, models  # noqa: F401,E402
