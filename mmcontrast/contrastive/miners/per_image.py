# Copyright (c) mmcontrast contributors. All rights reserved.
"""Per-image sampling of two pixel groups (e.g. pristine / forged) with a cap.

FOCAL's loss (Wu et al., "Rethinking Image Forgery Detection via Contrastive
Learning and Unsupervised Clustering", arXiv 2308.09307) draws, for every image
separately, at most ``cap`` pristine and at most ``cap`` forged pixels
(``randperm(n)[:cap]`` in the official code). Here the draw is vectorised over
the whole batch: every pixel gets a uniform random key, pixels outside the group
get ``-inf``, and ``topk(cap)`` of the keys picks a uniform subset without
replacement of every image at once. The result is padded to ``(B, K)`` with a
validity mask, so the loss needs no Python loop over images.
"""
from typing import Dict, Optional

import torch
from torch import Tensor


def sample_group_indices(member: Tensor, cap: int,
                         generator: Optional[torch.Generator] = None) -> Dict[str, Tensor]:
    """Sample at most ``cap`` member positions per row, uniformly, no replacement.

    Args:
        member (Tensor): (B, N) bool, True where a position belongs to the group.
        cap (int): Maximum number of positions per row (the dictionary size).
        generator (torch.Generator, optional): Source of the random keys (on
            the device of ``member``). Defaults to torch's global generator.

    Returns:
        dict: ``index`` (B, K) long positions in ``[0, N)`` and ``valid`` (B, K)
        bool, with ``K = min(cap, N)``. Row b holds ``min(cap, member[b].sum())``
        valid entries; invalid entries point at position 0 and must be masked.
    """
    if member.dim() != 2:
        raise ValueError(f'member must be (B, N), got {tuple(member.shape)}')
    if cap < 1:
        raise ValueError(f'cap must be >= 1, got {cap}')
    B, N = member.shape
    k = min(int(cap), N)
    keys = torch.rand(B, N, generator=generator, device=member.device)
    keys = keys.masked_fill(~member.bool(), float('-inf'))
    top, index = keys.topk(k, dim=1)
    valid = torch.isfinite(top)
    index = index.masked_fill(~valid, 0)
    return dict(index=index, valid=valid)


def sample_two_groups(feats: Tensor, labels: Tensor, cap: int,
                      generator: Optional[torch.Generator] = None) -> Dict[str, Tensor]:
    """Per-image capped sample of label-0 (pristine) and label-1 (forged) features.

    Args:
        feats (Tensor): (B, N, C) features (e.g. a flattened feature map).
        labels (Tensor): (B, N) integer labels; 0 = first group (pristine),
            1 = second group (forged), anything else (e.g. 255) is ignored.
        cap (int): Dictionary size: at most ``cap`` samples per group per image.
        generator (torch.Generator, optional): Random source of the draw.

    Returns:
        dict: ``q`` (B, K, C) and ``q_valid`` (B, K) for group 0, ``n`` (B, K, C)
        and ``n_valid`` (B, K) for group 1, plus ``q_index``/``n_index`` (B, K)
        positions into N. Invalid rows of ``q``/``n`` are zero.
    """
    if feats.dim() != 3 or labels.shape != feats.shape[:2]:
        raise ValueError(f'feats must be (B, N, C) and labels (B, N), got '
                         f'{tuple(feats.shape)} and {tuple(labels.shape)}')
    out = {}
    for name, value in (('q', 0), ('n', 1)):
        s = sample_group_indices(labels == value, cap, generator)
        idx = s['index'].unsqueeze(-1).expand(-1, -1, feats.shape[-1])
        x = feats.gather(1, idx) * s['valid'].unsqueeze(-1).to(feats.dtype)
        out[name], out[f'{name}_valid'], out[f'{name}_index'] = x, s['valid'], s['index']
    return out
