# Copyright (c) mmcontrast contributors. All rights reserved.
from . import classifiers, heads, necks, selfsup, utils  # noqa: F401
from . import losses  # noqa: F401,E402
