# Copyright (c) mmcontrast contributors. All rights reserved.
"""Load and preprocess the reference and target image of a CIR triplet."""
from typing import List

from mmcv.transforms import BaseTransform, Compose, LoadImageFromFile
from mmpretrain.registry import TRANSFORMS


@TRANSFORMS.register_module()
class LoadCIRPair(BaseTransform):
    """Load ``ref_path`` and ``tgt_path`` and run ``transforms`` on each;
    ``results['img'] = [reference, target]`` (packed as two views).

    Required keys: ref_path, tgt_path. Added keys: img.

    Args:
        transforms (list[dict]): Per-image pipeline after loading (e.g.
            TargetPad, ResizeEdge, CenterCrop).
    """

    def __init__(self, transforms: List[dict]) -> None:
        self.load = LoadImageFromFile()
        self.pipeline = Compose([TRANSFORMS.build(t) if isinstance(t, dict) else t
                                 for t in transforms])

    def transform(self, results: dict) -> dict:
        imgs = []
        for key in ('ref_path', 'tgt_path'):
            r = self.load(dict(img_path=results[key]))
            if r is None:
                raise FileNotFoundError(f'LoadCIRPair could not read {key}={results[key]!r}.')
            imgs.append(self.pipeline(r)['img'])
        results['img'] = imgs
        return results
