# Copyright (c) mmcontrast contributors. All rights reserved.
"""mmseg IoU metric that also reports means leaving chosen classes out."""
from typing import Dict, Optional, Sequence

import numpy as np
from mmengine.logging import MMLogger, print_log
from mmseg.evaluation import IoUMetric
from mmseg.registry import METRICS


@METRICS.register_module()
class IoUMetricWithExclusion(IoUMetric):
    """``IoUMetric`` plus ``mIoU``/``mAcc`` without some classes, and fwIoU.

    Used by SMMCL (Dong & Yokoya, WACV 2024, https://arxiv.org/abs/2308.12320)
    on LLRGBD, where ``void`` (class 0) is a trained class: the paper's
    headline number is the mean IoU over the other 13 classes, the log also
    gives the 14-class mean. Per-class IoUs are mmseg's (dataset-level
    confusion, ``ignore_index`` excluded, classes absent from both ground
    truth and prediction are NaN and skipped by the means).

    Extra keys: ``mIoU_wo_<name>``, ``mAcc_wo_<name>`` (``<name>`` defaults to
    the excluded class names joined by ``_``) and ``fwIoU`` (IoU weighted by
    ground-truth frequency).

    Args:
        exclude_from_mean (Sequence[int]): Class indices left out of the
            extra means. Defaults to (0,).
        exclusion_name (str, optional): ``<name>`` of the extra keys.
            Defaults to None (class names).
        **kwargs: Arguments of ``mmseg.evaluation.IoUMetric``.
    """

    def __init__(self, exclude_from_mean: Sequence[int] = (0, ),
                 exclusion_name: Optional[str] = None, **kwargs) -> None:
        super().__init__(**kwargs)
        exclude = [int(i) for i in exclude_from_mean]
        if not exclude or any(i < 0 for i in exclude):
            raise ValueError('exclude_from_mean must be a non-empty list of class indices >= 0, '
                             f'got {exclude_from_mean!r}')
        if 'mIoU' not in self.metrics:
            raise ValueError("IoUMetricWithExclusion needs 'mIoU' in iou_metrics, "
                             f'got {self.metrics}')
        self.exclude_from_mean = exclude
        self.exclusion_name = exclusion_name

    def compute_metrics(self, results: list) -> Dict[str, float]:
        """mmseg's metrics plus the exclusion means and fwIoU.

        Args:
            results (list): (intersect, union, pred_area, label_area) per image.

        Returns:
            dict[str, float]: metrics in percent, 2 decimals.
        """
        metrics = super().compute_metrics(results)
        if self.format_only:
            return metrics
        classes = self.dataset_meta['classes']
        bad = [i for i in self.exclude_from_mean if i >= len(classes)]
        if bad:
            raise ValueError(f'exclude_from_mean has indices {bad} >= number of classes '
                             f'{len(classes)}; use indices of dataset_meta["classes"]')
        inter, union, _, label = (sum(r).cpu().numpy().astype(np.float64) for r in zip(*results))
        with np.errstate(divide='ignore', invalid='ignore'):
            iou = inter / union
            acc = inter / label
        keep = np.ones(len(classes), dtype=bool)
        keep[self.exclude_from_mean] = False
        name = self.exclusion_name or '_'.join(
            str(classes[i]).replace(' ', '_') for i in self.exclude_from_mean)
        metrics[f'mIoU_wo_{name}'] = float(np.round(np.nanmean(iou[keep]) * 100, 2))
        metrics[f'mAcc_wo_{name}'] = float(np.round(np.nanmean(acc[keep]) * 100, 2))
        present = label > 0
        freq = label[present] / label.sum()
        metrics['fwIoU'] = float(np.round((freq * iou[present]).sum() * 100, 2))
        print_log(f'mIoU_wo_{name}: {metrics[f"mIoU_wo_{name}"]}, fwIoU: {metrics["fwIoU"]}',
                  logger=MMLogger.get_current_instance())
        return metrics
