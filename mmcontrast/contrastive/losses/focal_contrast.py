# Copyright (c) mmcontrast contributors. All rights reserved.
"""FOCAL's per-image pixel contrast (the loss of the released code, "v1").

Wu, Chen, Zhou, "Rethinking Image Forgery Detection via Contrastive Learning
and Unsupervised Clustering", arXiv 2308.09307 (official code HighwayWu/FOCAL).
"Forged" and "pristine" are only defined relative to one image, so the loss
never compares pixels of two different images. For each image, with at most
``dict_size`` pristine samples ``Q`` (anchors) and forged samples ``N``::

    pos_i = mean_{j != i} <q_i, q_j>                 # one positive logit
    l_i   = -log( e^{pos_i/t} / (e^{pos_i/t} + sum_m e^{<q_i, n_m>/t}) )
    L_b   = mean_i l_i ;      L = mean over images with nq >= 2 and nf >= 1

Forged pixels are never anchors (unless ``symmetric=True``) and never pulled
together. ``pos_mode='supcon'`` replaces the mean-similarity positive with the
SupCon ``L_out`` form (every other pristine sample is a positive, all other
samples are in the denominator).

Vectorisation (why not the official per-image loop): samples are drawn for the
whole batch at once by :func:`~mmcontrast.contrastive.miners.per_image.
sample_two_groups` (random keys + ``topk``; the valid samples of each image come
first). The similarity blocks are then computed at their **real size**: images
the official code would skip (no forged pixel, fewer than two pristine pixels;
it crashes or returns NaN there) are dropped before any matmul, and the others
are bucketed by their real (#anchors, #negatives) so that each bucket runs one
``bmm`` without padding (a batch of equal-size images is one bucket; a mixed
batch -- one authentic image, one with a small forged region -- costs only the
forged image's ``K x K`` and ``K x nf`` blocks; ``benchmarks/losses.py``
``focal-mixed``). A batch without any valid image gives a finite zero that keeps
the graph.
"""
from typing import Callable, Optional, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import Tensor

from mmcontrast.registry import MODELS
from ..engine import (check_all_finite, check_labels, check_temperature, fp32, masked_logsumexp,
                      paired_similarity, similarity)
from ..miners.label_utils import downsample_labels
from ..miners.per_image import sample_two_groups

_POS_MODES = ('mean_sim', 'supcon')


def focal_group_loss(q: Tensor, q_valid: Tensor, n: Tensor, n_valid: Tensor,
                     temperature: float = 0.1, pos_mode: str = 'mean_sim',
                     anchor_weights: Optional[Tensor] = None) -> Tuple[Tensor, Tensor]:
    """Per-image FOCAL loss with the ``q`` samples as anchors.

    Args:
        q (Tensor): (B, K, C) anchor-group samples (pristine), unit norm.
        q_valid (Tensor): (B, K) bool, which rows of ``q`` are real samples.
        n (Tensor): (B, M, C) negative-group samples (forged), unit norm.
        n_valid (Tensor): (B, M) bool.
        temperature (float): Softmax temperature. Defaults to 0.1.
        pos_mode (str): ``'mean_sim'`` (official: one positive logit, the mean
            similarity to the other anchors) or ``'supcon'``.
        anchor_weights (Tensor, optional): (B, K) per-anchor weights of the
            cross-entropy terms (the soft variant); 1 when None.

    Returns:
        tuple[Tensor, Tensor]: per-image loss (B,) (mean over valid anchors,
        0 for skipped images) and (B,) bool, images with >= 2 anchors and >= 1
        negative.
    """
    if pos_mode not in _POS_MODES:
        raise ValueError(f'pos_mode must be one of {_POS_MODES}, got {pos_mode!r}')
    q, n = fp32(q), fp32(n)
    dtype = q.dtype
    nq = q_valid.sum(1)
    nf = n_valid.sum(1)
    inv_t = 1.0 / temperature
    s_qn = similarity(q, n) * inv_t  # (B, K, M)
    denom = (nq - 1).clamp(min=1).to(dtype)[:, None]
    keep_neg = n_valid[:, None, :].expand_as(s_qn)
    if pos_mode == 'mean_sim':  # one positive logit: the mean similarity to the others
        # sum_{j != i, valid} <q_i, q_j> = <q_i, sum_valid q - q_i>: no (K, K) matrix
        q_sum = (q * q_valid[..., None].to(dtype)).sum(1, keepdim=True)  # (B, 1, C)
        pos = paired_similarity(q, q_sum - q, inv_t) / denom  # (B, K)
        keep = torch.cat([torch.ones_like(pos[..., None], dtype=torch.bool), keep_neg], -1)
        lse = masked_logsumexp(torch.cat([pos[..., None], s_qn], dim=-1), keep,
                               fill_fraction=0.25)
        per_anchor = lse - pos
    else:  # supcon: every other anchor is a positive, all others in the denominator
        s_qq = similarity(q, q) * inv_t  # (B, K, K)
        eye = torch.eye(q.shape[1], dtype=torch.bool, device=q.device)
        pair = q_valid[:, :, None] & q_valid[:, None, :] & ~eye  # (B, K, K)
        pos_sum = (s_qq * pair.to(dtype)).sum(-1)  # (B, K)
        lse = masked_logsumexp(torch.cat([s_qq, s_qn], dim=-1),
                               torch.cat([pair, keep_neg], -1), fill_fraction=0.25)
        per_anchor = lse - pos_sum / denom
    if anchor_weights is not None:
        per_anchor = per_anchor * anchor_weights.to(dtype)
    per_anchor = torch.where(q_valid, per_anchor, torch.zeros_like(per_anchor))
    per_image = per_anchor.sum(1) / nq.clamp(min=1).to(dtype)
    image_valid = (nq >= 2) & (nf >= 1)
    return torch.where(image_valid, per_image, torch.zeros_like(per_image)), image_valid


WeightFn = Callable[[Tensor, Tensor, Tensor, Tensor], Tensor]


def focal_contrast_loss(feats: Tensor, labels: Tensor, temperature: float = 0.1,
                        dict_size: int = 1000, pos_mode: str = 'mean_sim',
                        symmetric: bool = False,
                        generator: Optional[torch.Generator] = None,
                        weight_fn: Optional[WeightFn] = None) -> Tensor:
    """FOCAL per-image pixel contrast of a batch of feature maps.

    Args:
        feats (Tensor): (B, C, h, w) feature maps (L2-normalised over C here).
        labels (Tensor): (B, h, w) integer mask on the feature grid: 0 pristine,
            1 forged, any other value ignored.
        temperature (float): Softmax temperature. Defaults to 0.1.
        dict_size (int): At most this many pristine and forged samples per
            image (uniform without replacement). Defaults to 1000.
        pos_mode (str): ``'mean_sim'`` or ``'supcon'``. Defaults to 'mean_sim'.
        symmetric (bool): Also use forged anchors against pristine negatives;
            each image then averages its valid directions. Defaults to False.
        generator (torch.Generator, optional): Random source of the sampling.
        weight_fn (callable, optional): ``fn(q, q_valid, n, n_valid) -> (B, K)``
            detached anchor weights (the soft variant). Defaults to None.

    Returns:
        Tensor: scalar, mean over images with a valid term; a finite zero with
        a graph when there is none (e.g. a batch of authentic images).
    """
    if feats.dim() != 4 or labels.shape != (feats.shape[0], *feats.shape[2:]):
        raise ValueError(f'feats must be (B, C, h, w) and labels (B, h, w), got '
                         f'{tuple(feats.shape)} and {tuple(labels.shape)}')
    check_all_finite(feats=feats)
    check_labels('labels', labels, negative_ignored=True)  # integer; values not 0/1 ignored
    _check_common(temperature, dict_size, pos_mode)
    with torch.autocast(device_type=feats.device.type, enabled=False):  # fp32 under AMP
        return _focal_contrast_loss(fp32(feats), labels, temperature, dict_size, pos_mode,
                                    symmetric, generator, weight_fn)


def _real_size_group_loss(a: Tensor, av: Tensor, b: Tensor, bv: Tensor, temperature: float,
                          pos_mode: str, w: Optional[Tensor]) -> Tuple[Tensor, Tensor]:
    """:func:`focal_group_loss` on real-size blocks (no padding to the group cap).

    The valid samples of every image come first in the padded ``(B, K, C)``
    groups. Images without a term are skipped; the others are bucketed by
    their real ``(#a, #b)`` and each bucket is one unpadded ``bmm``.

    Returns:
        tuple[Tensor, Tensor]: (B,) per-image loss (0 where skipped) and (B,)
        bool validity, as :func:`focal_group_loss`.
    """
    na, nb = av.sum(1), bv.sum(1)
    valid = (na >= 2) & (nb >= 1)
    per_image = a.new_zeros(a.shape[0])
    if not bool(valid.any()):
        return per_image, valid
    sizes = torch.stack([na, nb], 1)[valid]
    images = valid.nonzero()[:, 0]
    for size in torch.unique(sizes, dim=0).tolist():
        ka, kb = size
        idx = images[(sizes == sizes.new_tensor(size)).all(1)]
        loss, _ = focal_group_loss(a[idx, :ka], av[idx, :ka], b[idx, :kb], bv[idx, :kb],
                                   temperature, pos_mode,
                                   w[idx, :ka] if w is not None else None)
        per_image = per_image.index_put((idx, ), loss)
    return per_image, valid


def _focal_contrast_loss(feats: Tensor, labels: Tensor, temperature: float, dict_size: int,
                         pos_mode: str, symmetric: bool,
                         generator: Optional[torch.Generator],
                         weight_fn: Optional[WeightFn]) -> Tensor:
    """Body of :func:`focal_contrast_loss` (fp32/fp64 features, autocast off)."""
    x = F.normalize(feats, dim=1).flatten(2).transpose(1, 2)  # (B, hw, C)
    s = sample_two_groups(x, labels.flatten(1), dict_size, generator)
    dirs = [(s['q'], s['q_valid'], s['n'], s['n_valid'])]
    if symmetric:
        dirs.append((s['n'], s['n_valid'], s['q'], s['q_valid']))
    total = x.new_zeros(x.shape[0])
    count = x.new_zeros(x.shape[0])
    for a, av, b, bv in dirs:  # at most two directions, not a loop over images
        w = weight_fn(a, av, b, bv) if weight_fn is not None else None
        per_image, valid = _real_size_group_loss(a, av, b, bv, temperature, pos_mode, w)
        total = total + per_image
        count = count + valid.to(total.dtype)
    image_valid = count > 0
    if not bool(image_valid.any()):
        return (s['q'].sum() + s['n'].sum()) * 0
    per_image = total[image_valid] / count[image_valid]
    return per_image.mean()


def _check_common(temperature: float, dict_size: int, pos_mode: str) -> None:
    check_temperature('temperature', temperature)
    if int(dict_size) < 2:
        raise ValueError(f'dict_size must be >= 2 (two pristine samples make a '
                         f'positive), got {dict_size}')
    if pos_mode not in _POS_MODES:
        raise ValueError(f'pos_mode must be one of {_POS_MODES}, got {pos_mode!r}')


def _labels_on_grid(feats: Tensor, labels: Tensor) -> Tensor:
    """(B, H, W) or (B, 1, H, W) labels -> (B, h, w) on the grid of ``feats`` (nearest)."""
    if labels.dim() == 4:
        labels = labels[:, 0]
    return downsample_labels(labels, feats.shape[-2:])


@MODELS.register_module()
class FOCALContrastLoss(nn.Module):
    """FOCAL per-image pristine/forged pixel contrast (released code, v1).

    "Rethinking Image Forgery Detection via Contrastive Learning and
    Unsupervised Clustering" (Wu et al., arXiv 2308.09307). See
    :func:`focal_contrast_loss`.

    Args:
        temperature (float): Softmax temperature. Defaults to 0.1.
        dict_size (int): Sample cap per group per image. Defaults to 1000.
        pos_mode (str): ``'mean_sim'`` (official) or ``'supcon'``.
            Defaults to 'mean_sim'.
        symmetric (bool): Also contrast forged anchors. Defaults to False.
        loss_weight (float): Multiplier of the loss. Defaults to 1.0.
        loss_name (str): Key of the loss in the segmentor's loss dict.
            Defaults to 'loss_focal'.
    """

    def __init__(self, temperature: float = 0.1, dict_size: int = 1000,
                 pos_mode: str = 'mean_sim', symmetric: bool = False,
                 loss_weight: float = 1.0, loss_name: str = 'loss_focal') -> None:
        super().__init__()
        _check_common(temperature, dict_size, pos_mode)
        self.temperature = float(temperature)
        self.dict_size = int(dict_size)
        self.pos_mode = pos_mode
        self.symmetric = bool(symmetric)
        self.loss_weight = float(loss_weight)
        self._loss_name = loss_name

    @property
    def loss_name(self) -> str:
        """Key of this loss in a loss dict (mmseg convention)."""
        return self._loss_name

    def forward(self, feats: Tensor, labels: Tensor,
                generator: Optional[torch.Generator] = None) -> Tensor:
        """Args: feats (B, C, h, w); labels (B, H, W) or (B, 1, H, W) in {0, 1}
        (other values ignored), resized to (h, w) by nearest when needed.
        Returns: scalar loss."""
        return self.loss_weight * focal_contrast_loss(
            feats, _labels_on_grid(feats, labels), self.temperature, self.dict_size,
            self.pos_mode, self.symmetric, generator)
