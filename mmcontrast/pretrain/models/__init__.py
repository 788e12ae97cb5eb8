# Copyright (c) mmcontrast contributors. All rights reserved.
from . import classifiers, heads, losses, multimodal, necks, retrievers, selfsup, utils  # noqa: F401
