# Copyright (c) mmcontrast contributors. All rights reserved.
from .cir_captions import FIQCaptionMerge, fiq_caption_forms
from .cir_pad import SquarePad, TargetPad
from .clld_masked_two_views import CLLDMaskedTwoViews
from .ctp_text import CTPMLMMask, CTPTokenize, clean_caption
from .load_cir_pair import LoadCIRPair
from .load_image_from_pack import LoadImageFromPack
from .load_npy_slice import LoadNpySlice
from .random_gaussian_noise import RandomGaussianNoise
from .random_intensity_scale_shift import RandomIntensityScaleShift
from .random_patch_mask import RandomPatchMask
from .random_resized_crop_with_box import RandomResizedCropWithBox

__all__ = [
    'CLLDMaskedTwoViews', 'CTPMLMMask', 'CTPTokenize', 'FIQCaptionMerge', 'LoadCIRPair',
    'LoadImageFromPack', 'LoadNpySlice', 'RandomGaussianNoise', 'RandomIntensityScaleShift',
    'RandomPatchMask', 'RandomResizedCropWithBox', 'SquarePad', 'TargetPad', 'clean_caption',
    'fiq_caption_forms'
]
