# Copyright (c) mmcontrast contributors. All rights reserved.
"""Align-guided pixel-text contrastive loss (ICPC, arXiv 2308.07078).

ICPC publishes no code; this is the reconstruction documented in the method
spec (``shared/methods/icpc.md`` §3): every labelled pixel of a pixel-text
score map is an anchor, its own class' text embedding the positive and the
``topk_neg`` best-aligned *wrong* classes the negatives (hard negatives chosen
by the alignment itself, hence "align-guided"). With ``topk_neg=None`` all
``K - 1`` wrong classes are negatives and the loss is exactly the
cross-entropy on ``score / tau`` that DenseCLIP's identity head computes at
that resolution (the correctness anchor of the tests).
"""
from typing import List, Optional, Sequence

import torch
import torch.nn as nn
from torch import Tensor

from mmcontrast.registry import MODELS
from ..engine import check_finite, check_labels, check_temperature, fp32, masked_logsumexp
from ..miners.label_utils import downsample_labels


def _single_scale(score: Tensor, label: Tensor, tau: float,
                  topk_neg: Optional[int], ignore_index: int) -> Tensor:
    """AGC loss of one (B, K, h, w) score map against (B, H, W) labels."""
    num_classes = score.shape[1]
    y = downsample_labels(label, score.shape[-2:]).reshape(-1).long()  # (P,)
    # (P, K) logits in fp32 even under AMP (float64 inputs stay float64).
    z = (fp32(score) / tau).permute(0, 2, 3, 1).reshape(-1, num_classes)
    # Labels >= K (255, 65535 void) and the ignore id are never gathered.
    valid = (y != ignore_index) & (y >= 0) & (y < num_classes)
    k = num_classes - 1 if topk_neg is None else min(topk_neg, num_classes - 1)
    if k <= 0 or not bool(valid.any()):
        return score.sum() * 0  # finite zero that keeps the graph
    z, y = z[valid], y[valid]  # (N, K), (N,)
    pos = z.gather(1, y[:, None])[:, 0]  # (N,)
    if k == num_classes - 1:
        # All negatives: the softmax over [pos, negatives] is the softmax over
        # all K classes (cross-entropy; no top-k sort).
        return (masked_logsumexp(z) - pos).mean()
    own = torch.zeros_like(z, dtype=torch.bool).scatter_(1, y[:, None], True)
    neg = z.masked_fill(own, torch.finfo(z.dtype).min).topk(k, dim=1).values  # (N, k)
    return (masked_logsumexp(torch.cat([pos[:, None], neg], dim=1)) - pos).mean()


def align_guided_contrastive(score_maps: Sequence[Tensor],
                             label: Tensor,
                             tau: float = 0.07,
                             topk_neg: Optional[int] = 10,
                             ignore_index: int = 255,
                             scale_weights: Optional[Sequence[float]] = None) -> Tensor:
    """Align-guided pixel-text contrastive loss over several score maps.

    For each map ``s`` (cosines of pixel and text embeddings) the labels are
    resized to its grid by nearest neighbour, and every valid pixel ``p`` with
    class ``y`` contributes ``-log softmax([s_py, top-k_{c != y} s_pc] / tau)[0]``.
    Per-scale losses (means over valid pixels) are averaged with
    ``scale_weights`` (normalised; equal weights by default).

    Args:
        score_maps (Sequence[Tensor]): Score maps, each (B, K, h_i, w_i).
        label (Tensor): (B, H, W) or (B, 1, H, W) integer labels.
        tau (float): Temperature. Defaults to 0.07.
        topk_neg (int, optional): Number of hardest negatives per pixel;
            None uses all ``K - 1`` (plain cross-entropy on ``s / tau``).
            Defaults to 10.
        ignore_index (int): Label ignored (in addition to every id >= K).
            Defaults to 255.
        scale_weights (Sequence[float], optional): One weight per map.

    Returns:
        Tensor: Scalar loss; a finite zero that keeps the graph when nothing
        is valid (all pixels ignored, ``K == 1``, or no score maps).

    Raises:
        ValueError: non-finite score maps, float labels, a score map whose
            batch differs from the labels, or an overflowing ``tau``.
    """
    score_maps = list(score_maps)
    check_temperature('tau', tau)
    check_labels('label', label, negative_ignored=True)  # ids >= K and ignore_index ignored
    for i, s in enumerate(score_maps):
        if s.dim() != 4 or s.shape[0] != label.shape[0]:
            raise ValueError(f'score_maps[{i}] must be (B={label.shape[0]}, K, h, w), got '
                             f'{tuple(s.shape)}.')
        check_finite(f'score_maps[{i}]', s)
    if len(score_maps) == 0:
        return label.new_zeros((), dtype=torch.float32)
    if scale_weights is None:
        scale_weights = [1.0] * len(score_maps)
    if len(scale_weights) != len(score_maps):
        raise ValueError(f'scale_weights has {len(scale_weights)} entries for '
                         f'{len(score_maps)} score maps; give one per map.')
    losses: List[Tensor] = [
        _single_scale(s, label, tau, topk_neg, ignore_index) for s in score_maps]
    total = float(sum(scale_weights))
    return sum(w / total * l for w, l in zip(scale_weights, losses))


@MODELS.register_module()
class AlignGuidedContrastiveLoss(nn.Module):
    """Align-guided contrastive loss of ICPC (Yu et al., arXiv 2308.07078).

    Args:
        tau (float): Temperature on the cosine scores. Defaults to 0.07.
        topk_neg (int, optional): Hard negatives per pixel (``neg_mode='topk'``).
            Defaults to 10.
        neg_mode (str): ``'topk'`` or ``'all'`` (all ``K - 1`` wrong classes,
            i.e. cross-entropy on ``s / tau``). Defaults to ``'topk'``.
        scales (str): ``'all'`` score maps or only the ``'last'`` one (the
            stride-32 / attention-pool map). Defaults to ``'all'``.
        scale_weights (Sequence[float], optional): Weights of the maps used.
        ignore_index (int): Ignored label. Defaults to 255.
        loss_weight (float): ``lambda_agc``. Defaults to 1.0.
        loss_name (str): Key in the loss dict. Defaults to ``'loss_agc'``.
    """

    def __init__(self,
                 tau: float = 0.07,
                 topk_neg: Optional[int] = 10,
                 neg_mode: str = 'topk',
                 scales: str = 'all',
                 scale_weights: Optional[Sequence[float]] = None,
                 ignore_index: int = 255,
                 loss_weight: float = 1.0,
                 loss_name: str = 'loss_agc') -> None:
        super().__init__()
        check_temperature('AlignGuidedContrastiveLoss tau', tau)
        if neg_mode not in ('topk', 'all'):
            raise ValueError(f"neg_mode must be 'topk' or 'all', got {neg_mode!r}.")
        if neg_mode == 'topk' and (topk_neg is None or topk_neg < 1):
            raise ValueError(f"topk_neg must be a positive int with neg_mode='topk', "
                             f"got {topk_neg}; use neg_mode='all' for every negative.")
        if scales not in ('all', 'last'):
            raise ValueError(f"scales must be 'all' or 'last', got {scales!r}.")
        if 'loss' not in loss_name:
            raise ValueError(
                f"loss_name must contain 'loss' so mmengine sums it, got {loss_name!r}.")
        self.tau = tau
        self.topk_neg = None if neg_mode == 'all' else int(topk_neg)
        self.neg_mode = neg_mode
        self.scales = scales
        self.scale_weights = None if scale_weights is None else list(scale_weights)
        self.ignore_index = ignore_index
        self.loss_weight = loss_weight
        self.loss_name = loss_name

    def forward(self, score_maps: Sequence[Tensor], label: Tensor) -> Tensor:
        """Args: score_maps: list of (B, K, h_i, w_i) cosines, ordered from the
        finest to the coarsest (the last one is the attention-pool map);
        label: (B, H, W) or (B, 1, H, W). Returns: scalar weighted loss."""
        score_maps = list(score_maps)
        if self.scales == 'last':
            score_maps = score_maps[-1:]
        return self.loss_weight * align_guided_contrastive(
            score_maps, label, self.tau, self.topk_neg, self.ignore_index,
            self.scale_weights)
