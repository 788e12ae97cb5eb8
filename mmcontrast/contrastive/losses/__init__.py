# Copyright (c) mmcontrast contributors. All rights reserved.
from .distribution_consistency import (DistributionConsistencyLoss, confident_mask,  # noqa: E402
                                       distribution_consistency_loss,
                                       neighbour_class_distribution)
from .neighbour_contrast import NeighbourContrastLoss, neighbour_contrast_loss  # noqa: E402

__all__ = ['DistributionConsistencyLoss', 'confident_mask', 'distribution_consistency_loss',
           'neighbour_class_distribution', 'NeighbourContrastLoss', 'neighbour_contrast_loss']
from .cross_similarity import CrossSimilarityLoss, cross_similarity_loss, cross_similarity_map  # noqa: E402
__all__ += ['CrossSimilarityLoss', 'cross_similarity_loss', 'cross_similarity_map']
from .pixel_consistency import PixelConsistencyLoss, pixel_consistency_loss  # noqa: E402
__all__ += ['PixelConsistencyLoss', 'pixel_consistency_loss']
from .spatial_cosine import SpatialCosineLoss, spatial_cosine_loss  # noqa: E402
__all__ += ['SpatialCosineLoss', 'spatial_cosine_loss']
from .supcon import SupConLoss, supcon_loss  # noqa: E402
__all__ += ['SupConLoss', 'supcon_loss']
from .pixel_text import AlignGuidedContrastiveLoss, align_guided_contrastive  # noqa: E402
__all__ += ['AlignGuidedContrastiveLoss', 'align_guided_contrastive']
from .smmcl_loss import SMMCLLoss, smmcl_loss, smmcl_terms  # noqa: E402
__all__ += ['SMMCLLoss', 'smmcl_loss', 'smmcl_terms']
from .focal_contrast import FOCALContrastLoss, focal_contrast_loss, focal_group_loss  # noqa: E402
from .focal_soft_contrast import (FOCALSoftContrastLoss, focal_soft_contrast_loss,  # noqa: E402
                                  focal_soft_weights)
__all__ += ['FOCALContrastLoss', 'focal_contrast_loss', 'focal_group_loss',
            'FOCALSoftContrastLoss', 'focal_soft_contrast_loss', 'focal_soft_weights']
from .info_nce import InfoNCELoss, info_nce_loss  # noqa: E402
__all__ += ['InfoNCELoss', 'info_nce_loss']
from .relational_kl import RelationalKLLoss, relational_kl_loss  # noqa: E402
from .triplet import TripletMarginLoss, triplet_margin_loss  # noqa: E402
from .cosine_pair import CosinePairLoss, cosine_pair_loss  # noqa: E402
from .align_uniform import (AlignUniformLoss, ConfidenceAlignUniformLoss,  # noqa: E402
                            align_uniform_loss, confidence_align_uniform_loss, confidence_kernel)
__all__ += ['RelationalKLLoss', 'relational_kl_loss', 'TripletMarginLoss', 'triplet_margin_loss',
            'CosinePairLoss', 'cosine_pair_loss', 'AlignUniformLoss', 'ConfidenceAlignUniformLoss',
            'align_uniform_loss', 'confidence_align_uniform_loss', 'confidence_kernel']
