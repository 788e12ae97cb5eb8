# Copyright (c) mmcontrast contributors. All rights reserved.
"""Per-image forgery localisation metrics (FOCAL / TruFor protocol)."""
from typing import Dict, Optional, Sequence, Tuple

import cv2
import numpy as np
from mmengine.evaluator import BaseMetric
from mmengine.logging import MMLogger
from mmseg.registry import METRICS

_RESOLUTIONS = ('original', 'official')


def pixel_scores(pred: np.ndarray, gt: np.ndarray) -> Dict[str, float]:
    """F1 (macro and binary) and forged-class IoU of one image.

    Args:
        pred (np.ndarray): (H, W) bool/0-1 predicted forged mask.
        gt (np.ndarray): (H, W) bool/0-1 ground-truth forged mask.

    Returns:
        dict: ``f1`` = ``sklearn.metrics.f1_score(gt, pred, average='macro')``
        (classes present in GT or prediction; both all-pristine -> 1.0),
        ``f1_binary`` = F1 of the forged class (1.0 when GT and prediction
        are both empty), ``iou`` = |P & G| / (|P | G| + 1e-6) (1.0 when both
        are empty), as the FOCAL code computes them.
    """
    p, g = pred.astype(bool).ravel(), gt.astype(bool).ravel()
    tp = float(np.count_nonzero(p & g))
    fp = float(np.count_nonzero(p & ~g))
    fn = float(np.count_nonzero(~p & g))
    tn = float(p.size) - tp - fp - fn
    f1s = []
    for t, f_p, f_n in ((tp, fp, fn), (tn, fn, fp)):  # forged class, pristine class
        if t + f_p + f_n > 0:  # class present in GT or prediction
            f1s.append(2 * t / (2 * t + f_p + f_n))
    f1_binary = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn > 0 else 1.0
    iou = tp / (tp + fp + fn + 1e-6) if tp + fp + fn > 0 else 1.0
    return dict(f1=float(np.mean(f1s)) if f1s else 1.0, f1_binary=f1_binary, iou=iou)


def resize_mask(mask: np.ndarray, size: Tuple[int, int], bilinear: bool) -> np.ndarray:
    """Resize a {0,1} mask to (h, w): bilinear as 0/255 then ``> 127`` (official GT), or nearest."""
    h, w = size
    if mask.shape == (h, w):
        return mask.astype(bool)
    if bilinear:
        return cv2.resize(mask.astype(np.float32) * 255, (w, h),
                          interpolation=cv2.INTER_LINEAR) > 127
    return cv2.resize(mask.astype(np.uint8), (w, h), interpolation=cv2.INTER_NEAREST) > 0


@METRICS.register_module()
class ForgeryPixelMetric(BaseMetric):
    """Per-image F1/IoU of the forged region, averaged over images, + image AUC.

    The protocol of FOCAL (Wu et al., arXiv 2308.09307; official issues #9,
    #13), "consistent with TruFor": scores are computed image by image and then
    averaged, unlike mmseg's dataset-level ``IoUMetric``, which pools pixels.

    Args:
        eval_resolution (str): ``'original'`` (prediction at the image's
            original size vs the original GT) or ``'official'`` (the released
            code's protocol: the prediction on the feature grid, i.e.
            ``pred_grid_seg`` when the model provides it, else the prediction
            resized by nearest to ``official_size``, vs the GT resized bilinearly
            as 0/255 and thresholded at 127). Defaults to 'original'.
        official_size (Sequence[int]): (h, w) grid of the official protocol for
            models without ``pred_grid_seg``. Defaults to (64, 64).
        collect_device (str): Defaults to 'cpu'.
        prefix (str, optional): Defaults to 'forgery'.

    Metrics: ``f1`` (macro), ``f1_binary``, ``iou``, ``score`` = (f1 + iou) / 2
    (the official model-selection score), ``auc`` (image-level detection AUC
    of ``pred_forgery_score``, or of the forged fraction of the prediction,
    against "GT has a forged pixel", via scikit-learn; only when both
    authentic and forged images are present), ``num_images``.
    """

    default_prefix: Optional[str] = 'forgery'

    def __init__(self, eval_resolution: str = 'original',
                 official_size: Sequence[int] = (64, 64), collect_device: str = 'cpu',
                 prefix: Optional[str] = None, **kwargs) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        if eval_resolution not in _RESOLUTIONS:
            raise ValueError(f'eval_resolution must be one of {_RESOLUTIONS}, '
                             f'got {eval_resolution!r}')
        if len(official_size) != 2 or min(official_size) < 1:
            raise ValueError(f'official_size must be (h, w) > 0, got {official_size}')
        self.eval_resolution = eval_resolution
        self.official_size = (int(official_size[0]), int(official_size[1]))

    def process(self, data_batch: dict, data_samples: Sequence[dict]) -> None:
        for ds in data_samples:
            pred = ds['pred_sem_seg']['data'].squeeze(0).cpu().numpy() == 1
            gt = ds['gt_sem_seg']['data'].squeeze(0).cpu().numpy() == 1
            if self.eval_resolution == 'official':
                if 'pred_grid_seg' in ds:
                    pred = ds['pred_grid_seg']['data'].squeeze(0).cpu().numpy() == 1
                else:
                    pred = resize_mask(pred, self.official_size, bilinear=False)
                gt = resize_mask(gt, pred.shape, bilinear=True)
            elif pred.shape != gt.shape:
                # never resize to make them fit: a misaligned mask gives a wrong score
                raise ValueError(
                    f'ForgeryPixelMetric: the prediction for {ds.get("img_path")} is '
                    f'{pred.shape} but its mask {ds.get("seg_map_path")} is {gt.shape}; at '
                    "eval_resolution='original' both must be at the image's original size "
                    '(keep resize_gt=False in the test pipeline, and masks of the image size).')
            res = pixel_scores(pred, gt)
            if 'pred_forgery_score' in ds:
                res['det_score'] = float(ds['pred_forgery_score'])
            else:
                res['det_score'] = float(pred.mean())
            res['det_label'] = int(gt.any())
            self.results.append(res)

    def compute_metrics(self, results: list) -> Dict[str, float]:
        out = {k: float(np.mean([r[k] for r in results])) for k in ('f1', 'f1_binary', 'iou')}
        out['score'] = (out['f1'] + out['iou']) / 2
        labels = [r['det_label'] for r in results]
        if 0 < sum(labels) < len(labels):
            from sklearn.metrics import roc_auc_score
            out['auc'] = float(roc_auc_score(labels, [r['det_score'] for r in results]))
        out['num_images'] = len(results)
        MMLogger.get_current_instance().info(
            'forgery: ' + ', '.join(f'{k}={v:.4f}' if isinstance(v, float) else f'{k}={v}'
                                    for k, v in out.items()))
        return out
