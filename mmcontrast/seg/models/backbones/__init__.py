# Copyright (c) mmcontrast contributors. All rights reserved.
# The CLIP image encoders live in the host-neutral ``mmcontrast.clip`` (root
# registry, so ``type='CLIPResNetWithAttention'`` still builds in mmseg
# configs); they are re-exported here for existing imports.
from mmcontrast.clip import CLIPResNetWithAttention, CLIPVisionTransformer

from .cross_modulation import CrossModulation
from .dual_mscan import DualMSCAN

__all__ = ['CLIPResNetWithAttention', 'CLIPVisionTransformer', 'CrossModulation', 'DualMSCAN']
