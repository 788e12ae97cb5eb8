# Copyright (c) mmcontrast contributors. All rights reserved.
"""Query fusion of CLIP4Cir (Baldrati et al., ACM TOMM 2023; clip4cir.md §2)."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from mmpretrain.registry import MODELS
from torch import Tensor


@MODELS.register_module()
class SumCombiner(nn.Module):
    """Stage-1 / zero-shot query of CLIP4Cir: ``q = normalize(i + t)``.

    Args:
        clip_dim (int): Feature dim (unused, for config symmetry).
    """

    def __init__(self, clip_dim: int = 640) -> None:
        super().__init__()
        self.clip_dim = clip_dim

    def forward(self, img_feat: Tensor, txt_feat: Tensor) -> Tensor:
        """Args: img_feat, txt_feat (B, C) raw CLIP features. Returns: (B, C) unit rows."""
        return F.normalize(img_feat.float() + txt_feat.float(), dim=-1)


@MODELS.register_module()
class Combiner(nn.Module):
    """Stage-2 Combiner of CLIP4Cir ("Composed Image Retrieval using
    Contrastive Learning and Task-oriented CLIP-based Features", Baldrati et
    al., ACM TOMM 2023), exactly as the official code::

        t' = Drop(ReLU(Lin_t(t)));  i' = Drop(ReLU(Lin_i(i)))
        c  = [t', i'];  h = Drop(ReLU(Lin_c(c)))
        lam = Sigmoid(Lin_b(Drop(ReLU(Lin_a(c)))))
        q  = normalize(Lin_o(h) + lam * t + (1 - lam) * i)

    ``i`` and ``t`` are the **raw** (un-normalised) CLIP features; PyTorch
    default initialisation.

    Args:
        clip_dim (int): CLIP feature dim C. Defaults to 640 (RN50x4).
        projection_dim (int): Width of Lin_t / Lin_i. Defaults to 2560.
        hidden_dim (int): Width of Lin_c / Lin_a. Defaults to 5120.
        dropout (float): Dropout probability. Defaults to 0.5.
    """

    def __init__(self, clip_dim: int = 640, projection_dim: int = 2560,
                 hidden_dim: int = 5120, dropout: float = 0.5) -> None:
        super().__init__()
        self.text_projection_layer = nn.Linear(clip_dim, projection_dim)
        self.image_projection_layer = nn.Linear(clip_dim, projection_dim)
        self.combiner_layer = nn.Linear(projection_dim * 2, hidden_dim)
        self.output_layer = nn.Linear(hidden_dim, clip_dim)
        self.dynamic_scalar = nn.Sequential(
            nn.Linear(projection_dim * 2, hidden_dim), nn.ReLU(), nn.Dropout(dropout),
            nn.Linear(hidden_dim, 1), nn.Sigmoid())
        self.dropout1 = nn.Dropout(dropout)
        self.dropout2 = nn.Dropout(dropout)
        self.dropout3 = nn.Dropout(dropout)

    def mixing_weight(self, img_feat: Tensor, txt_feat: Tensor) -> Tensor:
        """(B, 1) lambda in (0, 1)."""
        return self._fuse(img_feat, txt_feat)[1]

    def _fuse(self, img_feat: Tensor, txt_feat: Tensor):
        t = self.dropout1(F.relu(self.text_projection_layer(txt_feat)))
        i = self.dropout2(F.relu(self.image_projection_layer(img_feat)))
        c = torch.cat([t, i], dim=-1)
        h = self.dropout3(F.relu(self.combiner_layer(c)))
        return h, self.dynamic_scalar(c)

    def forward(self, img_feat: Tensor, txt_feat: Tensor) -> Tensor:
        """Args: img_feat, txt_feat (B, C) raw CLIP features. Returns: (B, C) unit rows."""
        img_feat, txt_feat = img_feat.float(), txt_feat.float()
        h, lam = self._fuse(img_feat, txt_feat)
        out = self.output_layer(h) + lam * txt_feat + (1 - lam) * img_feat
        return F.normalize(out, dim=-1)
