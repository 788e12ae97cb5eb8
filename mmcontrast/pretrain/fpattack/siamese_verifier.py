# Copyright (c) mmcontrast contributors. All rights reserved.
"""Siamese signature verifier trained with Hadsell's contrastive pair loss."""
from typing import Dict, List, Optional, Sequence, Tuple, Union

import torch
import torch.nn.functional as F
from mmengine.model import BaseModel
from mmpretrain.registry import MODELS
from torch import Tensor

from mmcontrast.contrastive.losses.contrastive_pair import contrastive_pair_loss


@MODELS.register_module()
class SiameseVerifier(BaseModel):
    """A shared SigNet; d = ||e1 - e2||_2; accept iff d < threshold.

    The victim of FP-attack (Guo et al., "A White-Box False Positive
    Adversarial Attack Method on Contrastive Loss Based Offline Handwritten
    Signature Verification Models", AISTATS 2024).

    Inputs are (B, 2, 1, H, W) pairs (reference, query); ``data_samples`` is
    the collated dict from :class:`SignaturePairDataset` with ``is_same`` (B,).

    Args:
        backbone (dict): the embedding network, e.g. ``dict(type='SigNet')``.
        margin, alpha, beta (float): contrastive loss constants (all 1).
        label_convention (str): ``'is_same'`` (default; is_same = CSV label)
            or ``'port_loss'`` (the port's inverted loss, fpattack.md §7.1).
        threshold (float): decision threshold τ. Defaults to 0.0314.
        data_preprocessor (dict, optional): Defaults to BaseDataPreprocessor.
    """

    def __init__(self,
                 backbone: dict,
                 margin: float = 1.0,
                 alpha: float = 1.0,
                 beta: float = 1.0,
                 label_convention: str = 'is_same',
                 threshold: float = 0.0314,
                 data_preprocessor: Optional[dict] = None,
                 init_cfg=None) -> None:
        super().__init__(data_preprocessor=data_preprocessor or
                         dict(type='BaseDataPreprocessor'), init_cfg=init_cfg)
        self.backbone = MODELS.build(backbone)
        self.margin, self.alpha, self.beta = margin, alpha, beta
        if label_convention not in ('is_same', 'port_loss'):
            raise ValueError("SiameseVerifier label_convention must be 'is_same' or "
                             f"'port_loss', got {label_convention!r}.")
        self.label_convention = label_convention
        self.threshold = float(threshold)

    def embed(self, x: Tensor, taps: Sequence[str] = ()) -> Tuple[Tensor, Dict[str, Tensor]]:
        """(B, 1, H, W) -> ((B, D) embedding, {tap: (B, C, h, w)})."""
        return self.backbone.forward_taps(x, taps)

    @staticmethod
    def distance(e1: Tensor, e2: Tensor) -> Tensor:
        """(B, D) x2 -> (B,) ``pairwise_distance`` with eps 1e-6."""
        return F.pairwise_distance(e1, e2, p=2, eps=1e-6)

    def pair_distance(self, g: Tensor, f: Tensor) -> Tensor:
        """(B, 1, H, W) x2 -> (B,) distances."""
        return self.distance(self.embed(g)[0], self.embed(f)[0])

    def forward(self,
                inputs: Tensor,
                data_samples: Optional[dict] = None,
                mode: str = 'tensor') -> Union[Tensor, Dict[str, Tensor], List[dict]]:
        if inputs.dim() != 5 or inputs.shape[1] != 2:
            raise ValueError('SiameseVerifier expects (B, 2, 1, H, W) pair inputs, got '
                             f'{tuple(inputs.shape)}.')
        e1, e2 = self.embed(inputs[:, 0])[0], self.embed(inputs[:, 1])[0]
        d = self.distance(e1, e2)
        if mode == 'tensor':
            return d
        if data_samples is None or 'is_same' not in data_samples:
            raise ValueError(f"SiameseVerifier mode={mode!r} needs data_samples['is_same'].")
        is_same = torch.as_tensor(data_samples['is_same'], device=d.device).reshape(-1)
        if mode == 'loss':
            return dict(loss_contrastive=contrastive_pair_loss(
                e1, e2, is_same, self.margin, self.alpha, self.beta, self.label_convention))
        if mode == 'predict':
            return [dict(distance=float(d[i]), is_same=int(is_same[i]))
                    for i in range(d.shape[0])]
        raise ValueError(f'Invalid mode {mode!r}.')
