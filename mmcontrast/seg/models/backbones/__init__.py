# Copyright (c) mmcontrast contributors. All rights reserved.
from .clip_resnet import CLIPResNetWithAttention
from .clip_vit import CLIPVisionTransformer
from .cross_modulation import CrossModulation
from .dual_mscan import DualMSCAN

__all__ = ['CLIPResNetWithAttention', 'CLIPVisionTransformer', 'CrossModulation', 'DualMSCAN']
