# Copyright (c) mmcontrast contributors. All rights reserved.
"""mmpretrain adapter: components registered in ``mmpretrain.registry``.

Configs load it with ``custom_imports=dict(imports=['mmcontrast.pretrain'])``.
"""
from mmcontrast.utils.ops_check import check_mmcv_ops

check_mmcv_ops()  # the host library imports mmcv's compiled ops: fail early, clearly

import mmcontrast  # noqa: F401,E402  (core registrations, compat shims)

from . import datasets, engine, evaluation, fpattack, models  # noqa: F401,E402
