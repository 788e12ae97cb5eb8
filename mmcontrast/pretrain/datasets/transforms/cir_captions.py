# Copyright (c) mmcontrast contributors. All rights reserved.
"""Relative-caption handling of CLIP4Cir (clip4cir.md §4)."""
import random
from typing import List, Sequence

from mmcv.transforms import BaseTransform
from mmpretrain.registry import TRANSFORMS

_STRIP = '.?, '


def _clean(c: str, capitalise: bool) -> str:
    c = c.strip(_STRIP)
    return c[:1].upper() + c[1:] if capitalise else c


def fiq_caption_forms(captions: Sequence[str]) -> List[str]:
    """FashionIQ's four caption forms: 'c1 and c2', 'c2 and c1', 'c1', 'c2'.

    Characters ``.?, `` are stripped from both ends and the first part is
    capitalised, as in the official code.
    """
    if len(captions) != 2:
        raise ValueError(f'FashionIQ triplets have 2 captions, got {list(captions)}.')
    c1, c2 = captions
    return [f'{_clean(c1, True)} and {_clean(c2, False)}',
            f'{_clean(c2, True)} and {_clean(c1, False)}',
            _clean(c1, True), _clean(c2, True)]


@TRANSFORMS.register_module()
class FIQCaptionMerge(BaseTransform):
    """Merge FashionIQ's two captions into ``results['caption']``.

    Training picks one of :func:`fiq_caption_forms` with probability 0.25
    each; validation/test (``training=False``) always uses "c1 and c2".

    Required keys: captions. Added keys: caption.

    Args:
        training (bool): Sample the form. Defaults to True.
    """

    def __init__(self, training: bool = True) -> None:
        self.training = training

    def transform(self, results: dict) -> dict:
        forms = fiq_caption_forms(results['captions'])
        results['caption'] = random.choice(forms) if self.training else forms[0]
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(training={self.training})'
