# Copyright (c) mmcontrast contributors. All rights reserved.
"""Signature pair datasets (CEDAR, BHSig260) read from the pair CSVs."""
import os.path as osp
from typing import List, Sequence, Tuple

import numpy as np
import torch
from mmengine.dataset import BaseDataset
from mmpretrain.registry import DATASETS, TRANSFORMS
from PIL import Image

from .signature_pairs import read_pair_csv


def load_signature(path: str, size: Tuple[int, int] = (155, 220),
                   invert: bool = True) -> torch.Tensor:
    """The spec's preprocessing (fpattack.md §4): ``convert('L')`` ->
    ``Resize((H, W))`` (aspect not kept, bilinear as torchvision on PIL) ->
    invert (ink bright) -> ``ToTensor`` in [0, 1], no normalisation.

    Returns:
        Tensor: (1, H, W) float32.
    """
    try:
        img = Image.open(path).convert('L')
    except (OSError, FileNotFoundError) as e:
        raise FileNotFoundError(f'Cannot read signature image {path!r}: {e}') from e
    img = img.resize((int(size[1]), int(size[0])), Image.BILINEAR)
    arr = np.asarray(img, dtype=np.uint8)
    if invert:
        arr = 255 - arr
    return torch.from_numpy(arr.astype(np.float32) / 255.).unsqueeze(0)


@TRANSFORMS.register_module()
class LoadSignaturePair:
    """Load both images of a pair into ``inputs`` (2, 1, H, W).

    Args:
        size (tuple): (H, W). Defaults to (155, 220).
        invert (bool): ink bright. Defaults to True.
    """

    def __init__(self, size: Sequence[int] = (155, 220), invert: bool = True) -> None:
        self.size, self.invert = tuple(size), invert

    def __call__(self, results: dict) -> dict:
        imgs = [load_signature(results[k], self.size, self.invert) for k in ('path1', 'path2')]
        keys = ('path1', 'path2', 'label', 'is_same', 'correctly_pred', 'index')
        return dict(inputs=torch.stack(imgs), data_samples={k: results[k] for k in keys})


@DATASETS.register_module()
class SignaturePairDataset(BaseDataset):
    """Pairs ``path1,path2,label[,correctly_pred]`` of CEDAR / BHSig260 (no header).

    Args:
        ann_file (str): the pair CSV (``tools/dataset_converters/signature_pairs.py``).
        data_root (str): dataset root the CSV paths are relative to.
        label_convention (str): ``'csv'`` (is_same = label, default) or
            ``'port_loss'`` (is_same = 1 - label, the port's loss semantics).
            Flip the convention here OR in ``SiameseVerifier.label_convention``,
            not both (they would cancel).
        only_label (int, optional): keep only pairs with this label (the
            attack set uses 0).
        pipeline (list): Defaults to ``[LoadSignaturePair()]``.
    """
    METAINFO = dict(classes=('forged', 'genuine'))

    def __init__(self, ann_file: str, data_root: str = '', label_convention: str = 'csv',
                 only_label: int = None, pipeline: Sequence = (dict(type='LoadSignaturePair'),),
                 **kwargs) -> None:
        if label_convention not in ('csv', 'port_loss'):
            raise ValueError("SignaturePairDataset label_convention must be 'csv' or "
                             f"'port_loss', got {label_convention!r}.")
        self.label_convention, self.only_label = label_convention, only_label
        pipeline = [TRANSFORMS.build(p) if isinstance(p, dict) else p for p in pipeline]
        super().__init__(ann_file=ann_file, data_root=data_root, pipeline=pipeline, **kwargs)

    def load_data_list(self) -> List[dict]:
        if not osp.isfile(self.ann_file):
            raise FileNotFoundError(
                f'SignaturePairDataset ann_file {self.ann_file!r} not found; write it with '
                'tools/dataset_converters/signature_pairs.py.')
        out = []
        for i, (p1, p2, label, corr) in enumerate(read_pair_csv(self.ann_file)):
            if self.only_label is not None and label != self.only_label:
                continue
            out.append(dict(path1=osp.join(self.data_root, p1), path2=osp.join(self.data_root, p2),
                            label=label, correctly_pred=corr, index=i,
                            is_same=label if self.label_convention == 'csv' else 1 - label))
        return out
