# Copyright (c) mmcontrast contributors. All rights reserved.
"""Write FP-attack adversarial images as PNGs (off the hot path)."""
import os
import os.path as osp

import numpy as np
from mmengine.hooks import Hook
from mmengine.registry import HOOKS
from PIL import Image


@HOOKS.register_module()
class DumpAdversarialHook(Hook):
    """After each attack iteration, save every attacked pair's final image,
    clamped to [0, 1], 8-bit, de-inverted (dark ink), to ``work_dir/<out_dir>``
    as ``{index:06d}_{ok|fail}.png``.

    Args:
        out_dir (str): sub-folder of the work dir. Defaults to 'adv'.
    """

    def __init__(self, out_dir: str = 'adv') -> None:
        self.out_dir = out_dir

    def after_test_iter(self, runner, batch_idx, data_batch=None, outputs=None) -> None:
        root = osp.join(runner.work_dir, self.out_dir)
        os.makedirs(root, exist_ok=True)
        for r in outputs or []:
            if 'adv' not in r:
                continue
            x = np.asarray(r['adv'], np.float32)[0].clip(0, 1)
            img = (255 - np.round(x * 255)).astype(np.uint8)
            tag = 'ok' if r['success'] else 'fail'
            Image.fromarray(img).save(osp.join(root, f"{r.get('index', 0):06d}_{tag}.png"))
