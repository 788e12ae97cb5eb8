# Copyright (c) mmcontrast contributors. All rights reserved.
from . import backbones, heads, necks, segmentors  # noqa: F401
from . import utils, vision_language  # noqa: F401,E402
