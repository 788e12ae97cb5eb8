# Copyright (c) mmcontrast contributors. All rights reserved.
from . import backbones, heads, necks, segmentors, utils, vision_language  # noqa: F401
