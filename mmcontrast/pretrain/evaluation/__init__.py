# Copyright (c) mmcontrast contributors. All rights reserved.
from .cross_modal_recall import CrossModalRecall, paired_gt_ranks, recall_from_ranks  # noqa: F401,E402,E501  (CTP)
from .multimodal_map import CTPMultiModalmAP, chunked_topk, ctp_average_precision  # noqa: F401,E402,E501  (CTP)
from .binary_auc import BinaryAUC, aggregate_cases, binary_auc  # noqa: E402

__all__ = [
    'CrossModalRecall', 'paired_gt_ranks', 'recall_from_ranks', 'CTPMultiModalmAP', 'chunked_topk',
    'ctp_average_precision', 'BinaryAUC', 'aggregate_cases', 'binary_auc'
]
