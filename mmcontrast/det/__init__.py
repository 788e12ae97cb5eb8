# Copyright (c) mmcontrast contributors. All rights reserved.
"""mmdet adapter: components registered in ``mmdet.registry``.

Configs load it with ``custom_imports=dict(imports=['mmcontrast.det'])``.
"""
import mmcontrast  # noqa: F401  (core registrations, compat shims)

from . import models  # noqa: F401,E402
from . import datasets  # noqa: F401,E402
