# Copyright (c) mmcontrast contributors. All rights reserved.
"""ICPC's lightweight multi-scale pixel-text alignment (reconstruction)."""
from typing import List, Sequence

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmengine.model import BaseModule
from mmseg.registry import MODELS
from torch import Tensor


def pixel_text_score(visual: Tensor, text: Tensor) -> Tensor:
    """Cosine score map ``einsum('bchw,bkc->bkhw', l2n(visual), l2n(text))``.

    Args:
        visual (Tensor): (B, C, h, w) pixel embeddings.
        text (Tensor): (B, K, C) text embeddings.

    Returns:
        Tensor: (B, K, h, w) fp32 scores in [-1, 1] (fp32 even under AMP).
    """
    with torch.autocast(device_type=visual.device.type, enabled=False):
        return torch.einsum('bchw,bkc->bkhw', F.normalize(visual.float(), dim=1),
                            F.normalize(text.float(), dim=2))


@MODELS.register_module()
class MultiScaleAligner(BaseModule):
    """Score maps at several backbone stages (ICPC, Yu et al., arXiv
    2308.07078, delta 3; reconstruction of the method spec): for each tapped
    stage a 1x1 conv ``c_i -> C`` (with bias) projects the features into the
    CLIP embedding space, and the cosine with the text embeddings gives a
    (B, K, h_i, w_i) score map that the segmentor concatenates to that stage.

    Args:
        in_channels (Sequence[int]): Channels of the tapped stages.
        stages (Sequence[int]): Indices of the tapped backbone outputs
            (RN: 1 = stride 8, 2 = stride 16). Defaults to (1, 2).
        embed_dim (int): CLIP embedding dim C. Defaults to 1024.
    """

    def __init__(self, in_channels: Sequence[int], stages: Sequence[int] = (1, 2),
                 embed_dim: int = 1024, init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        if len(in_channels) != len(stages) or len(stages) == 0:
            raise ValueError(f'in_channels {list(in_channels)} and stages {list(stages)} '
                             'must be non-empty and of equal length.')
        self.stages = tuple(int(s) for s in stages)
        self.projs = nn.ModuleList([nn.Conv2d(c, embed_dim, 1) for c in in_channels])

    def forward(self, feats: Sequence[Tensor], text: Tensor) -> List[Tensor]:
        """Args: feats: backbone stage maps (B, c_i, h_i, w_i); text (B, K, C).
        Returns: one (B, K, h_i, w_i) score map per tapped stage, in ``stages`` order."""
        return [pixel_text_score(proj(feats[s]), text) for s, proj in zip(self.stages, self.projs)]
