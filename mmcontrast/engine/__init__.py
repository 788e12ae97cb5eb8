# Copyright (c) mmcontrast contributors. All rights reserved.
"""Host-agnostic runner components, registered in mmengine's root registries.

Hooks are mmengine's and the hosts' (e.g. CoNe's warm-up gate is mmpretrain's
``DenseCLHook``); only what no library provides lives here.
"""
from . import schedulers  # noqa: F401
from . import hooks  # noqa: F401,E402
