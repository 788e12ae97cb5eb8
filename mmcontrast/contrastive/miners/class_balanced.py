# Copyright (c) mmcontrast contributors. All rights reserved.
"""Class-balanced (image, class)-group sampling of pixel embeddings.

Implements the anchor sampling of SMMCL ("Understanding Dark Scenes by
Contrasting Multi-Modal Observations", Dong & Yokoya, WACV 2024,
https://arxiv.org/abs/2308.12320), itself derived from the hard-anchor sampler
of "Exploring Cross-Image Pixel Contrast for Semantic Segmentation"
(Wang et al., ICCV 2021): every (image, class) pair with at least
``min_views`` cells on the feature grid is a *group*; each group contributes
the same number ``V`` of randomly drawn cells.

The official code loops over images and classes in Python and calls
``randperm`` per group. Here the whole draw is one ``argsort``: each valid cell
gets the key ``group_id + U(0, 1)``, so sorting groups the cells and shuffles
them within their group at once; a cell is kept when its rank inside its group
is below ``V``. Written here rather than borrowed because no PyPI package
provides a per-group balanced sampler over dense label maps.
"""
from typing import NamedTuple, Optional

import torch
from torch import Tensor


class GroupSample(NamedTuple):
    """Result of :func:`class_balanced_sample`.

    Attributes:
        index_a (Tensor): (N,) int64 flat indices into ``B*h*w`` cells for the
            first view (e.g. the RGB embeddings), grouped by (image, class).
        index_b (Tensor): (N,) int64 flat indices for the second view (e.g.
            the X embeddings). Same group order as ``index_a``; equal to it
            when sampling is paired.
        labels (Tensor): (N,) int64 class of each sample.
        num_groups (int): Number of (image, class) groups ``T``.
        views (int): Samples per group ``V``; ``N = T * V``.
    """
    index_a: Tensor
    index_b: Tensor
    labels: Tensor
    num_groups: int
    views: int


def _ranked_draw(group: Tensor, starts: Tensor, views: int,
                 generator: Optional[torch.Generator]) -> Tensor:
    """Pick ``views`` random cells of every group with one argsort.

    Args:
        group (Tensor): (M,) int64 group id of each candidate cell.
        starts (Tensor): (G,) int64 position where each group begins in the
            sorted order (exclusive cumulative count).
        views (int): Cells to keep per group.
        generator (torch.Generator, optional): Source of randomness.

    Returns:
        Tensor: (T * views,) positions into ``group``, sorted by group id.
    """
    noise = torch.rand(group.numel(), generator=generator,
                       dtype=torch.float64, device=group.device)
    # float64 keeps ~40 fractional bits for any realistic group id.
    order = torch.argsort(group.double() + noise)
    rank = torch.arange(group.numel(), device=group.device) - starts[group[order]]
    return order[rank < views]


def class_balanced_sample(labels: Tensor,
                          num_classes: int,
                          min_views: int = 5,
                          max_views: int = 300,
                          max_total: int = 4800,
                          ignore_index: int = 255,
                          paired: bool = False,
                          generator: Optional[torch.Generator] = None,
                          cap_single_view: bool = True
                          ) -> Optional[GroupSample]:
    """Sample ``V`` cells of every (image, class) group for two views.

    Rules (spec ``smmcl_sample``): a group is an (image ``b``, class ``c``)
    pair with ``c`` in ``[0, num_classes)`` and at least ``min_views`` cells;
    ``ignore_index`` and out-of-range ids never form groups. With ``T`` groups,
    ``V = min(smallest group count, max_views)``, then ``V = max_total // T``
    when ``V * T > max_total``. Cells are drawn without replacement; the second
    view draws its own cells independently unless ``paired``.

    Args:
        labels (Tensor): (B, h, w) integer labels already on the feature grid
            (see :func:`downsample_labels`).
        num_classes (int): Number of classes ``K``.
        min_views (int): Smallest group size that forms a group. Defaults to 5.
        max_views (int): Upper bound of ``V``. Defaults to 300.
        max_total (int): Upper bound of ``T * V``. Defaults to 4800.
        ignore_index (int): Label that never forms a group. Defaults to 255.
        paired (bool): Use the same cells for both views (pixel-aligned
            pairs) instead of independent draws. Defaults to False.
        generator (torch.Generator, optional): Generator on ``labels.device``
            for reproducible draws. Defaults to None (global RNG).
        cap_single_view (bool): Apply ``max_views`` also when it is 1
            (mmcontrast). The official SMMCL code applies the cap only when
            ``max_views > 1``, so ``max_views=1`` there means "no cap" (``V``
            = the smallest group, bounded by ``max_total``); pass False to
            reproduce it. Defaults to True.

    Returns:
        GroupSample | None: The draw, or None when no group reaches
        ``min_views`` or ``max_total < T`` (``V`` would be 0).
    """
    if labels.dim() != 3:
        raise ValueError(f'labels must be (B, h, w), got {tuple(labels.shape)}')
    if num_classes < 1:
        raise ValueError(f'num_classes must be >= 1, got {num_classes}')
    if min_views < 1:
        raise ValueError(f'min_views must be >= 1, got {min_views}')
    if max_views < 1:
        raise ValueError(f'max_views must be >= 1, got {max_views}')
    if max_total < 1:
        raise ValueError(f'max_total must be >= 1, got {max_total}')

    B, h, w = labels.shape
    device = labels.device
    y = labels.reshape(-1).long()
    image = torch.arange(B, device=device).repeat_interleave(h * w)
    valid = (y >= 0) & (y < num_classes) & (y != ignore_index)
    group_all = image * num_classes + y.clamp(0, num_classes - 1)

    counts = torch.bincount(group_all[valid], minlength=B * num_classes)
    ok = counts >= min_views
    num_groups = int(ok.sum())
    if num_groups == 0:
        return None
    views = int(counts[ok].min())
    if max_views > 1 or cap_single_view:  # official code: the cap only when max_views > 1
        views = min(views, max_views)
    if views * num_groups > max_total:
        views = max_total // num_groups
    if views == 0:
        return None

    keep = valid & ok[group_all]
    cells = torch.nonzero(keep, as_tuple=True)[0]           # (M,)
    group = group_all[cells]                                # (M,)
    kept_counts = counts * ok
    starts = torch.cumsum(kept_counts, 0) - kept_counts     # (B*K,)

    pos_a = _ranked_draw(group, starts, views, generator)
    index_a = cells[pos_a]
    if paired:
        index_b = index_a
    else:
        index_b = cells[_ranked_draw(group, starts, views, generator)]
    sample_labels = group[pos_a] % num_classes
    return GroupSample(index_a, index_b, sample_labels, num_groups, views)
