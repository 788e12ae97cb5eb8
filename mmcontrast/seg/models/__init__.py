# Copyright (c) mmcontrast contributors. All rights reserved.
from . import backbones, heads, necks, segmentors  # noqa: F401
