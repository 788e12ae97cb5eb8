# Copyright (c) mmcontrast contributors. All rights reserved.
from .clld_masked_two_views import CLLDMaskedTwoViews
from .random_patch_mask import RandomPatchMask
from .random_resized_crop_with_box import RandomResizedCropWithBox

__all__ = ['CLLDMaskedTwoViews', 'RandomPatchMask', 'RandomResizedCropWithBox']
from .cir_captions import FIQCaptionMerge, fiq_caption_forms  # noqa: F401,E402
from .cir_pad import SquarePad, TargetPad  # noqa: F401,E402
from .load_cir_pair import LoadCIRPair  # noqa: F401,E402
