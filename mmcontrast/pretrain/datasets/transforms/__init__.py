# Copyright (c) mmcontrast contributors. All rights reserved.
from .clld_masked_two_views import CLLDMaskedTwoViews
from .random_patch_mask import RandomPatchMask
from .random_resized_crop_with_box import RandomResizedCropWithBox

__all__ = ['CLLDMaskedTwoViews', 'RandomPatchMask', 'RandomResizedCropWithBox']
from .load_image_from_pack import LoadImageFromPack  # noqa: E402

__all__ += ['LoadImageFromPack']
