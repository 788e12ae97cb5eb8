# Copyright (c) mmcontrast contributors. All rights reserved.
"""Data preprocessor of composed-image-retrieval batches."""
from typing import Optional, Sequence

import torch
from mmengine.model import BaseDataPreprocessor
from mmpretrain.registry import MODELS


@MODELS.register_module()
class CIRDataPreprocessor(BaseDataPreprocessor):
    """Normalise CIR inputs: a (B, 3, H, W) batch (gallery), a list of them
    (``[reference, target]`` in stage-1 training) or none (stage-2 training
    and validation queries use cached / gallery features).

    Args:
        mean (Sequence[float]): Per-channel mean on the 0-255 scale. Defaults
            to CLIP's.
        std (Sequence[float]): Per-channel std on the 0-255 scale. Defaults to
            CLIP's.
        to_rgb (bool): BGR -> RGB. Defaults to True.
    """

    def __init__(self,
                 mean: Sequence[float] = (0.48145466 * 255, 0.4578275 * 255, 0.40821073 * 255),
                 std: Sequence[float] = (0.26862954 * 255, 0.26130258 * 255, 0.27577711 * 255),
                 to_rgb: bool = True) -> None:
        super().__init__()
        self.register_buffer('mean', torch.tensor(mean).view(-1, 1, 1), False)
        self.register_buffer('std', torch.tensor(std).view(-1, 1, 1), False)
        self.to_rgb = to_rgb

    def _norm(self, x: torch.Tensor) -> torch.Tensor:
        if self.to_rgb:
            x = x[:, [2, 1, 0]]
        return (x.float() - self.mean) / self.std

    def forward(self, data: dict, training: bool = False) -> dict:
        data = self.cast_data(data)
        inputs: Optional = data.get('inputs')
        if isinstance(inputs, (list, tuple)):
            inputs = [self._norm(x) for x in inputs]
        elif inputs is not None:
            inputs = self._norm(inputs)
        return dict(inputs=inputs, data_samples=data.get('data_samples'))
