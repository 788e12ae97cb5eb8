# Copyright (c) mmcontrast contributors. All rights reserved.
"""Vision-language parts of CLIP-based segmentors (DenseCLIP, ICPC).

``CLIPTextContextEncoder`` lives in the host-neutral ``mmcontrast.clip`` (root
registry) and is re-exported here for existing imports.
"""
from mmcontrast.clip import CLIPTextContextEncoder

from .context_decoder import ContextDecoder
from .instance_prompt_generator import InstancePromptGenerator
from .multi_scale_aligner import MultiScaleAligner, pixel_text_score

__all__ = ['CLIPTextContextEncoder', 'ContextDecoder', 'InstancePromptGenerator',
           'MultiScaleAligner', 'pixel_text_score']
