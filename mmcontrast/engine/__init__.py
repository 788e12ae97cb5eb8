# Copyright (c) mmcontrast contributors. All rights reserved.
"""Host-agnostic runner components (hooks), registered in the root registries."""
from . import hooks  # noqa: F401
from . import schedulers  # noqa: F401,E402
