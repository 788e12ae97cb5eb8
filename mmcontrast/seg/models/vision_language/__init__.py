# Copyright (c) mmcontrast contributors. All rights reserved.
"""Vision-language parts of CLIP-based segmentors (DenseCLIP, ICPC)."""
from .clip_text_context_encoder import CLIPTextContextEncoder
from .context_decoder import ContextDecoder
from .instance_prompt_generator import InstancePromptGenerator
from .multi_scale_aligner import MultiScaleAligner, pixel_text_score

__all__ = ['CLIPTextContextEncoder', 'ContextDecoder', 'InstancePromptGenerator',
           'MultiScaleAligner', 'pixel_text_score']
