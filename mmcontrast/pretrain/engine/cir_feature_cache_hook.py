# Copyright (c) mmcontrast contributors. All rights reserved.
"""Pre-extract frozen CLIP features of a CIR training set (CLIP4Cir stage 2)."""
from typing import List

import torch
from mmcv.transforms import Compose
from mmengine.dataset import default_collate
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper
from mmpretrain.registry import HOOKS, TRANSFORMS

from mmcontrast.pretrain.datasets.transforms.cir_captions import fiq_caption_forms


@HOOKS.register_module()
class CIRFeatureCacheHook(Hook):
    """Encode every training image and caption once before stage-2 training.

    CLIP is frozen in stage 2 (CLIP4Cir, Baldrati et al., ACM TOMM 2023), so
    the Combiner trains on cached (N, C) features and an epoch never re-runs
    CLIP (clip4cir.md §9). For FashionIQ all four caption forms of each
    triplet are cached; ``FIQCaptionMerge`` samples one per epoch.

    Args:
        pipeline (list[dict]): Image pipeline (load, pad, resize, crop,
            ``PackInputs``).
        batch_size (int): Images / captions encoded at once. Defaults to 256.
    """
    priority = 'VERY_HIGH'

    def __init__(self, pipeline: List[dict], batch_size: int = 256) -> None:
        self.pipeline = Compose([TRANSFORMS.build(t) for t in pipeline])
        self.batch_size = batch_size

    @staticmethod
    def collect(dataset) -> tuple:
        """Unique image paths and caption strings of a CIR query dataset."""
        paths, texts = {}, {}
        for i in range(len(dataset)):
            info = dataset.get_data_info(i)
            for k in ('ref_path', 'tgt_path'):
                paths.setdefault(info[k], None)
            forms = fiq_caption_forms(info['captions']) if 'captions' in info else \
                [info['caption']]
            for t in forms:
                texts.setdefault(t, None)
        return list(paths), list(texts)

    @torch.no_grad()
    def before_train(self, runner) -> None:
        model = runner.model.module if is_model_wrapper(runner.model) else runner.model
        paths, texts = self.collect(runner.train_dataloader.dataset)
        was_training = model.training
        model.eval()
        img_feats: List[torch.Tensor] = []
        for s in range(0, len(paths), self.batch_size):
            batch = default_collate([self.pipeline(dict(img_path=p))
                                     for p in paths[s:s + self.batch_size]])
            data = model.data_preprocessor(batch, False)
            img_feats.append(model._encode_images(data['inputs']))
        txt_feats = [model._encode_texts(texts[s:s + self.batch_size])
                     for s in range(0, len(texts), self.batch_size)]
        model.cache_features(paths, torch.cat(img_feats), texts, torch.cat(txt_feats))
        model.train(was_training)
        runner.logger.info(f'CIRFeatureCacheHook: cached {len(paths)} images and '
                           f'{len(texts)} captions.')
