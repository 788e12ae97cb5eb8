# Copyright (c) mmcontrast contributors. All rights reserved.
from .align_uniform import AlignUniformLoss, align_uniform_loss
from .confidence_align_uniform import (ConfidenceAlignUniformLoss, confidence_align_uniform_loss,
                                       confidence_kernel)
from .contrastive_pair import ContrastivePairLoss, contrastive_pair_loss
from .cosine_pair import CosinePairLoss, cosine_pair_loss
from .cross_similarity import CrossSimilarityLoss, cross_similarity_loss, cross_similarity_map
from .distribution_consistency import (DistributionConsistencyLoss, confident_mask,
                                       distribution_consistency_loss, neighbour_class_distribution)
from .focal_contrast import FOCALContrastLoss, focal_contrast_loss, focal_group_loss
from .focal_soft_contrast import FOCALSoftContrastLoss, focal_soft_contrast_loss, focal_soft_weights
from .info_nce import info_nce_loss
from .info_nce_module import InfoNCELoss
from .neighbour_contrast import NeighbourContrastLoss, neighbour_contrast_loss
from .pixel_consistency import PixelConsistencyLoss, pixel_consistency_loss
from .pixel_text import AlignGuidedContrastiveLoss, align_guided_contrastive
from .relational_kl import RelationalKLLoss, relational_kl_loss
from .smmcl_loss import SMMCLLoss, smmcl_loss, smmcl_terms
from .spatial_cosine import SpatialCosineLoss, spatial_cosine_loss
from .supcon import SupConLoss, supcon_loss
from .triplet import TripletMarginLoss, triplet_margin_loss

__all__ = [
    'DistributionConsistencyLoss', 'confident_mask', 'distribution_consistency_loss',
    'neighbour_class_distribution', 'NeighbourContrastLoss', 'neighbour_contrast_loss',
    'CrossSimilarityLoss', 'cross_similarity_loss', 'cross_similarity_map', 'PixelConsistencyLoss',
    'pixel_consistency_loss', 'SpatialCosineLoss', 'spatial_cosine_loss', 'SupConLoss',
    'supcon_loss', 'AlignGuidedContrastiveLoss', 'align_guided_contrastive', 'SMMCLLoss',
    'smmcl_loss', 'smmcl_terms', 'FOCALContrastLoss', 'focal_contrast_loss', 'focal_group_loss',
    'FOCALSoftContrastLoss', 'focal_soft_contrast_loss', 'focal_soft_weights', 'InfoNCELoss',
    'info_nce_loss', 'RelationalKLLoss', 'relational_kl_loss', 'TripletMarginLoss',
    'triplet_margin_loss', 'CosinePairLoss', 'cosine_pair_loss', 'AlignUniformLoss',
    'ConfidenceAlignUniformLoss', 'align_uniform_loss', 'confidence_align_uniform_loss',
    'confidence_kernel', 'ContrastivePairLoss', 'contrastive_pair_loss'
]
