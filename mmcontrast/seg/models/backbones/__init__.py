# Copyright (c) mmcontrast contributors. All rights reserved.
from .clip_resnet import CLIPResNetWithAttention  # noqa: E402
from .clip_vit import CLIPVisionTransformer  # noqa: E402
from .cross_modulation import CrossModulation  # noqa: E402
from .dual_mscan import DualMSCAN  # noqa: E402

__all__ = ['CLIPResNetWithAttention', 'CLIPVisionTransformer', 'CrossModulation', 'DualMSCAN']
