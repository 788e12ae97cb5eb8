# Copyright (c) mmcontrast contributors. All rights reserved.
from .age_metrics import AgeMAE, CumulativeScore
from .binary_auc import BinaryAUC, aggregate_cases, binary_auc
from .cir_metrics import CIRRRecall, CIRRSubmission, FashionIQRecall
from .cross_modal_recall import (CrossModalRecall, itc_scores, iter_itc_score_blocks, paired_gt_ranks,
                                 recall_from_ranks)
from .multimodal_map import CTPMultiModalmAP, chunked_topk, ctp_average_precision

__all__ = [
    'AgeMAE', 'CumulativeScore', 'BinaryAUC', 'aggregate_cases', 'binary_auc', 'CIRRRecall',
    'CIRRSubmission', 'FashionIQRecall', 'CrossModalRecall', 'itc_scores',
    'iter_itc_score_blocks', 'paired_gt_ranks', 'recall_from_ranks',
    'CTPMultiModalmAP', 'chunked_topk', 'ctp_average_precision'
]
