# Copyright (c) mmcontrast contributors. All rights reserved.
from . import classifiers, heads  # noqa: F401,E402
from . import necks, selfsup, utils  # noqa: F401,E402
