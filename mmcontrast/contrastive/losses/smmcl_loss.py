# Copyright (c) mmcontrast contributors. All rights reserved.
"""SMMCL: cross-modal and intra-modal supervised contrast of pixel embeddings.

"Understanding Dark Scenes by Contrasting Multi-Modal Observations"
(Xiaoyu Dong and Naoto Yokoya, WACV 2024, https://arxiv.org/abs/2308.12320).
Stage-4 embeddings of an RGB stream and an X (depth/thermal) stream are
sampled class-balanced per (image, class) group and contrasted with the
negatives-only supervised contrast of :func:`supcon_loss`::

    L_vis = supcon_neg_only(Zc Zc^T / tau)      # RGB-RGB
    L_aux = supcon_neg_only(Zx Zx^T / tau)      # X-X
    L_cm  = supcon_neg_only(Zc Zx^T / tau_cm)   # RGB anchors, X keys, pair (i, i) excluded

The maths lives in :func:`supcon_loss` and :func:`class_balanced_sample`;
this file only wires sampling, normalisation and the three terms.
"""
from typing import Dict, Optional

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import Tensor

from mmcontrast.registry import MODELS
from ..engine import check_all_finite, check_labels, check_temperature, fp32
from ..miners.class_balanced import class_balanced_sample
from ..miners.label_utils import downsample_labels
from .supcon import supcon_loss


def _gather_rows(emb: Tensor, index: Tensor) -> Tensor:
    """(B, D, h, w) embeddings, (N,) flat cell indices -> (N, D) unit rows (fp32)."""
    B, D, h, w = emb.shape
    flat = emb.permute(0, 2, 3, 1).reshape(B * h * w, D)
    rows = flat.index_select(0, index)
    return F.normalize(fp32(rows), dim=1)


def smmcl_terms(zc: Tensor,
                zx: Tensor,
                labels: Tensor,
                temperature: float = 0.1,
                temperature_cm: float = 0.1,
                cm_symmetric: bool = False,
                chunk_size: Optional[int] = None) -> Dict[str, Tensor]:
    """The three SMMCL terms on already sampled, normalised embeddings.

    Args:
        zc (Tensor): (N, D) unit RGB embeddings.
        zx (Tensor): (N, D) unit X embeddings; row i belongs to the same
            (image, class) group as ``zc[i]``.
        labels (Tensor): (N,) class of each row.
        temperature (float): Intra-modal temperature. Defaults to 0.1.
        temperature_cm (float): Cross-modal temperature. Defaults to 0.1.
        cm_symmetric (bool): Average RGB->X with X->RGB. Defaults to False.
        chunk_size (int, optional): Row chunk of :func:`supcon_loss`.

    Returns:
        dict[str, Tensor]: unweighted ``loss_cm``, ``loss_vis``, ``loss_aux``.
    """

    def term(a: Tensor, k: Optional[Tensor], tau: float) -> Tensor:
        return supcon_loss(a, labels, keys=k, key_labels=None if k is None else labels,
                           temperature=tau, negatives_only=True, exclude_diagonal=True,
                           chunk_size=chunk_size, average='all')

    loss_cm = term(zc, zx, temperature_cm)
    if cm_symmetric:
        loss_cm = 0.5 * (loss_cm + term(zx, zc, temperature_cm))
    return dict(loss_cm=loss_cm, loss_vis=term(zc, None, temperature),
                loss_aux=term(zx, None, temperature))


def smmcl_loss(emb_rgb: Tensor,
               emb_x: Tensor,
               labels: Tensor,
               num_classes: int,
               min_views: int = 5,
               max_views: int = 300,
               max_total: int = 4800,
               temperature: float = 0.1,
               temperature_cm: float = 0.1,
               cm_symmetric: bool = False,
               paired_sampling: bool = False,
               ignore_index: int = 255,
               chunk_size: Optional[int] = None,
               generator: Optional[torch.Generator] = None,
               cap_single_view: bool = True) -> Dict[str, Tensor]:
    """The three unweighted SMMCL terms.

    Args:
        emb_rgb (Tensor): (B, D, h, w) RGB embeddings.
        emb_x (Tensor): (B, D, h, w) X embeddings.
        labels (Tensor): (B, H, W) or (B, 1, H, W) integer ground truth at
            input resolution; nearest-downsampled to (h, w).
        num_classes (int): Number of classes ``K``; ids outside ``[0, K)``
            and ``ignore_index`` are never sampled.
        min_views (int): Smallest (image, class) group. Defaults to 5.
        max_views (int): Cap of samples per group. Defaults to 300.
        max_total (int): Cap of samples in all. Defaults to 4800.
        temperature (float): Temperature of the intra-modal terms.
            Defaults to 0.1.
        temperature_cm (float): Temperature of the cross-modal term.
            Defaults to 0.1.
        cm_symmetric (bool): Average RGB->X with X->RGB (the abstract's
            reading); the official code has RGB->X only. Defaults to False.
        paired_sampling (bool): Draw the same cells for RGB and X
            (pixel-aligned cross-modal pairs); the official code draws them
            independently. Defaults to False.
        ignore_index (int): Label never sampled. Defaults to 255.
        chunk_size (int, optional): Row chunk of :func:`supcon_loss`.
        generator (torch.Generator, optional): RNG of the sampler.
        cap_single_view (bool): ``max_views=1`` caps every group at one view
            (True, mmcontrast); the official code applies ``max_views`` only
            when it is > 1, so there ``max_views=1`` means no cap (False).
            Defaults to True.

    Returns:
        dict[str, Tensor]: ``loss_cm``, ``loss_vis``, ``loss_aux`` scalars in
        fp32; finite zeros connected to both embeddings when no group reaches
        ``min_views`` or the cap leaves no sample.

    Raises:
        ValueError: non-finite embeddings, mismatched shapes, float labels or
            label ids outside ``[0, num_classes)`` other than ``ignore_index``.
    """
    if emb_rgb.dim() != 4 or emb_rgb.shape != emb_x.shape:
        raise ValueError('emb_rgb and emb_x must both be (B, D, h, w) of the same shape, got '
                         f'{tuple(emb_rgb.shape)} and {tuple(emb_x.shape)}')
    if labels.shape[0] != emb_rgb.shape[0]:
        raise ValueError(f'labels batch {labels.shape[0]} != embedding batch {emb_rgb.shape[0]}')
    check_all_finite(emb_rgb=emb_rgb, emb_x=emb_x)
    check_labels('labels', labels, num_classes, ignore=(ignore_index, ))
    check_temperature('temperature', temperature)
    check_temperature('temperature_cm', temperature_cm)
    zero = (emb_rgb.sum() + emb_x.sum()).float() * 0
    y = downsample_labels(labels, emb_rgb.shape[-2:])
    sample = class_balanced_sample(
        y, num_classes, min_views=min_views, max_views=max_views, max_total=max_total,
        ignore_index=ignore_index, paired=paired_sampling, generator=generator,
        cap_single_view=cap_single_view)
    if sample is None:
        return dict(loss_cm=zero, loss_vis=zero.clone(), loss_aux=zero.clone())
    zc = _gather_rows(emb_rgb, sample.index_a)   # (N, D)
    zx = _gather_rows(emb_x, sample.index_b)     # (N, D)
    terms = smmcl_terms(zc, zx, sample.labels, temperature=temperature,
                        temperature_cm=temperature_cm, cm_symmetric=cm_symmetric,
                        chunk_size=chunk_size)
    return {k: v + zero for k, v in terms.items()}


@MODELS.register_module()
class SMMCLLoss(nn.Module):
    """SMMCL's weighted cross-modal + intra-modal supervised contrast.

    Dong & Yokoya, "Understanding Dark Scenes by Contrasting Multi-Modal
    Observations", WACV 2024 (https://arxiv.org/abs/2308.12320). Returns
    ``{'loss_cm': w_cm * L_cm, 'loss_vis': w_vis * L_vis,
    'loss_aux': w_aux * L_aux}``; see :func:`smmcl_loss`.

    Args:
        min_views (int): Smallest (image, class) group on the feature grid.
            Defaults to 5.
        max_views (int): Cap of samples per group. Defaults to 300.
        max_total (int): Cap of samples in all. Defaults to 4800.
        temperature (float): Intra-modal temperature. Defaults to 0.1.
        temperature_cm (float): Cross-modal temperature. Defaults to 0.1.
        loss_weight_cm (float): Weight of ``L_cm``. Defaults to 0.2.
        loss_weight_vis (float): Weight of ``L_vis`` (RGB-RGB). Defaults to 0.2.
        loss_weight_aux (float): Weight of ``L_aux`` (X-X). Defaults to 0.2.
        cm_symmetric (bool): Also contrast X anchors against RGB keys.
            Defaults to False (official code).
        paired_sampling (bool): Pixel-aligned RGB/X samples. Defaults to False
            (official code: independent draws).
        ignore_index (int): Ignored label. Defaults to 255.
        chunk_size (int, optional): Anchor rows per checkpointed chunk of the
            logits (caps memory). Defaults to None.
        cap_single_view (bool): ``max_views=1`` caps every group at one view
            (True). The official code drops the cap when ``max_views`` is 1
            (it applies ``max_views`` only when > 1); False reproduces that.
            Defaults to True.
    """

    def __init__(self,
                 min_views: int = 5,
                 max_views: int = 300,
                 max_total: int = 4800,
                 temperature: float = 0.1,
                 temperature_cm: float = 0.1,
                 loss_weight_cm: float = 0.2,
                 loss_weight_vis: float = 0.2,
                 loss_weight_aux: float = 0.2,
                 cm_symmetric: bool = False,
                 paired_sampling: bool = False,
                 ignore_index: int = 255,
                 chunk_size: Optional[int] = None,
                 cap_single_view: bool = True) -> None:
        super().__init__()
        for name, value in (('min_views', min_views), ('max_views', max_views),
                            ('max_total', max_total)):
            if not isinstance(value, int) or value < 1:
                raise ValueError(f'SMMCLLoss {name} must be a positive int, got {value!r}.')
        if min_views > max_views and (max_views > 1 or cap_single_view):
            raise ValueError(f'SMMCLLoss min_views ({min_views}) must be <= max_views '
                             f'({max_views}); raise max_views or lower min_views.')
        for name, value in (('temperature', temperature), ('temperature_cm', temperature_cm)):
            check_temperature(f'SMMCLLoss {name}', value)
        for name, value in (('loss_weight_cm', loss_weight_cm),
                            ('loss_weight_vis', loss_weight_vis),
                            ('loss_weight_aux', loss_weight_aux)):
            if value < 0:
                raise ValueError(f'SMMCLLoss {name} must be >= 0, got {value}.')
        if chunk_size is not None and (not isinstance(chunk_size, int) or chunk_size < 1):
            raise ValueError('SMMCLLoss chunk_size must be a positive int or None, '
                             f'got {chunk_size!r}.')
        self.min_views = min_views
        self.max_views = max_views
        self.max_total = max_total
        self.temperature = float(temperature)
        self.temperature_cm = float(temperature_cm)
        self.weights = dict(loss_cm=float(loss_weight_cm), loss_vis=float(loss_weight_vis),
                            loss_aux=float(loss_weight_aux))
        self.cm_symmetric = bool(cm_symmetric)
        self.paired_sampling = bool(paired_sampling)
        self.ignore_index = int(ignore_index)
        self.chunk_size = chunk_size
        self.cap_single_view = bool(cap_single_view)

    def forward(self, emb_rgb: Tensor, emb_x: Tensor, labels: Tensor, num_classes: int,
                generator: Optional[torch.Generator] = None) -> Dict[str, Tensor]:
        """Weighted SMMCL terms.

        Args:
            emb_rgb (Tensor): (B, D, h, w) RGB embeddings.
            emb_x (Tensor): (B, D, h, w) X embeddings.
            labels (Tensor): (B, H, W) or (B, 1, H, W) ground truth.
            num_classes (int): Number of classes.
            generator (torch.Generator, optional): RNG of the sampler.

        Returns:
            dict[str, Tensor]: ``loss_cm``, ``loss_vis``, ``loss_aux``.
        """
        losses = smmcl_loss(
            emb_rgb, emb_x, labels, num_classes, min_views=self.min_views,
            max_views=self.max_views, max_total=self.max_total,
            temperature=self.temperature, temperature_cm=self.temperature_cm,
            cm_symmetric=self.cm_symmetric, paired_sampling=self.paired_sampling,
            ignore_index=self.ignore_index, chunk_size=self.chunk_size, generator=generator,
            cap_single_view=self.cap_single_view)
        return {k: self.weights[k] * v for k, v in losses.items()}

    def extra_repr(self) -> str:
        return (f'min_views={self.min_views}, max_views={self.max_views}, '
                f'max_total={self.max_total}, temperature={self.temperature}, '
                f'temperature_cm={self.temperature_cm}, weights={self.weights}, '
                f'cm_symmetric={self.cm_symmetric}, paired_sampling={self.paired_sampling}')
