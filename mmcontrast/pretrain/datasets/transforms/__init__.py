# Copyright (c) mmcontrast contributors. All rights reserved.
from .clld_masked_two_views import CLLDMaskedTwoViews
from .random_patch_mask import RandomPatchMask
from .random_resized_crop_with_box import RandomResizedCropWithBox

__all__ = ['CLLDMaskedTwoViews', 'RandomPatchMask', 'RandomResizedCropWithBox']
from .load_npy_slice import LoadNpySlice  # noqa: E402
from .random_gaussian_noise import RandomGaussianNoise  # noqa: E402
from .random_intensity_scale_shift import RandomIntensityScaleShift  # noqa: E402

__all__ += ['LoadNpySlice', 'RandomGaussianNoise', 'RandomIntensityScaleShift']
