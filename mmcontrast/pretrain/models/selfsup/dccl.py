# Copyright (c) mmcontrast contributors. All rights reserved.
"""DCCL: two-view contrastive pretraining conditioned on noisy exam metadata."""
from typing import Dict, List, Tuple

import torch
from mmpretrain.models.selfsup import BaseSelfSupervisor
from mmpretrain.registry import MODELS
from mmpretrain.structures import DataSample
from torch import Tensor


@MODELS.register_module()
class DecoupledCCL(BaseSelfSupervisor):
    """DCCL (Ruppli, Gori, Ardon, Bloch, "Decoupled conditional contrastive
    learning with variable metadata for prostate lesion detection", MILLanD
    @ MICCAI 2023, https://arxiv.org/abs/2308.09542).

    SimCLR-shaped: both views go through the backbone and the non-linear
    neck, and a :class:`ConditionalContrastiveHead` computes the loss from
    the two projections plus each sample's metadata label and confidence
    (``meta_label`` in {0, 1, -1}, ``meta_conf`` in [0, 1] or -1, packed with
    ``PackInputs(algorithm_keys=('meta_label', 'meta_conf'))``). With an
    unconditional head the same class trains the DCL and align/uniform
    baselines.

    Args:
        backbone (dict): Backbone config (ResNet-18 by default in configs).
        neck (dict): ``NonLinearNeck`` config.
        head (dict): ``ConditionalContrastiveHead`` config.
        label_key (str): Data-sample field of the label. Defaults to
            'meta_label'.
        conf_key (str): Data-sample field of the confidence. Defaults to
            'meta_conf'.
        **kwargs: ``pretrained``, ``data_preprocessor``, ``init_cfg``.
    """

    def __init__(self, backbone: dict, neck: dict, head: dict,
                 label_key: str = 'meta_label', conf_key: str = 'meta_conf',
                 **kwargs) -> None:
        super().__init__(backbone=backbone, neck=neck, head=head, **kwargs)
        self.label_key, self.conf_key = label_key, conf_key

    def _metadata(self, data_samples: List[DataSample],
                  device: torch.device) -> Tuple[Tensor, Tensor]:
        """Stack (B,) labels and confidences from the data samples."""
        labels, confs = [], []
        for i, ds in enumerate(data_samples):
            if self.label_key not in ds or self.conf_key not in ds:
                raise KeyError(
                    f'DecoupledCCL: data sample {i} has no `{self.label_key}` / '
                    f'`{self.conf_key}`; pack them with PackInputs(algorithm_keys='
                    f"('{self.label_key}', '{self.conf_key}')) (use -1/-1 for "
                    'unannotated exams).')
            labels.append(int(ds.get(self.label_key)))
            confs.append(float(ds.get(self.conf_key)))
        return (torch.tensor(labels, dtype=torch.long, device=device),
                torch.tensor(confs, dtype=torch.float32, device=device))

    def loss(self, inputs: List[Tensor], data_samples: List[DataSample],
             **kwargs) -> Dict[str, Tensor]:
        """Loss of a batch of two-view samples.

        Args:
            inputs (list[Tensor]): Two views, (B, C, H, W) each.
            data_samples (list[DataSample]): B samples with metadata.

        Returns:
            dict[str, Tensor]: the head's loss terms.
        """
        if not isinstance(inputs, (list, tuple)) or len(inputs) != 2:
            raise ValueError('DecoupledCCL expects exactly two views per sample '
                             '(MultiView(num_views=2)).')
        b = inputs[0].shape[0]
        z = self.neck(self.backbone(torch.cat(list(inputs), 0)))[0]
        z1, z2 = z[:b], z[b:]
        if self.head.conditional:
            labels, confs = self._metadata(data_samples, z.device)
            return self.head.loss(z1, z2, labels, confs)
        return self.head.loss(z1, z2)
