# Copyright (c) mmcontrast contributors. All rights reserved.
"""Caption cleaning, BERT tokenisation and MLM masking for CTP/ALBEF."""
import re
from functools import lru_cache
from typing import Optional

import numpy as np
from mmcv.transforms import BaseTransform
from mmpretrain.registry import TRANSFORMS

_PUNCT = re.compile(r'[.!"()*#:;~]')


def clean_caption(caption: str, max_words: int = 30) -> str:
    """CTP's ``pre_caption``: lower-case, ``.!"()*#:;~`` -> space, collapse
    spaces, strip, keep the first ``max_words`` space-separated words."""
    caption = _PUNCT.sub(' ', str(caption).lower())
    caption = re.sub(r'\s{2,}', ' ', caption).rstrip('\n').strip(' ')
    return ' '.join(caption.split(' ')[:max_words])


@lru_cache(maxsize=8)
def build_tokenizer(vocab_file: str):
    """A ``transformers.BertTokenizer`` from a local vocabulary file (no hub access)."""
    from transformers import BertTokenizer
    import os.path as osp
    if not osp.isfile(vocab_file):
        raise FileNotFoundError(
            f'vocab_file {vocab_file!r} not found: use bert-base-chinese\'s vocab.txt '
            '(21128 entries) or the mini set\'s data/mini/p9d/vocab.txt.')
    return BertTokenizer(vocab_file, do_lower_case=True)


@TRANSFORMS.register_module()
class CTPTokenize(BaseTransform):
    """Clean ``results['text']`` and tokenise it to fixed length.

    Adds ``input_ids`` and ``attention_mask`` ((max_length,) int64 arrays,
    ``padding='max_length'``, truncated). Results without ``text`` (an image
    alone: the query of mmpretrain's ``ImageRetrievalInferencer``, which
    runs the whole test pipeline) pass through unchanged; the model raises
    a clear error if it then needs the caption.

    Args:
        vocab_file (str): BERT vocab.txt.
        max_length (int): Defaults to 30.
        max_words (int): Words kept by :func:`clean_caption`. Defaults to 30.
    """

    def __init__(self, vocab_file: str, max_length: int = 30, max_words: int = 30) -> None:
        self.vocab_file = vocab_file
        self.max_length = max_length
        self.max_words = max_words

    def transform(self, results: dict) -> dict:
        if 'text' not in results:
            return results
        tok = build_tokenizer(self.vocab_file)
        enc = tok(clean_caption(results['text'], self.max_words), padding='max_length',
                  truncation=True, max_length=self.max_length)
        results['input_ids'] = np.asarray(enc['input_ids'], dtype=np.int64)
        results['attention_mask'] = np.asarray(enc['attention_mask'], dtype=np.int64)
        return results


@TRANSFORMS.register_module()
class CTPMLMMask(BaseTransform):
    """ALBEF/CTP MLM masking of ``input_ids``.

    Each token that is neither [PAD] nor [CLS] ([SEP] may be masked) is
    selected with ``mask_prob``; of those 80 % become [MASK], 10 % a random
    id, 10 % stay. Adds ``mlm_input_ids`` and ``mlm_labels`` (original id at
    selected positions, -100 elsewhere).

    Args:
        vocab_file (str): The tokenizer's vocab (for special ids and size).
        mask_prob (float): Defaults to 0.15.
        seed (int, optional): Private RNG seed (tests); None uses numpy's
            global RNG (seeded per worker by mmengine).
    """

    def __init__(self, vocab_file: str, mask_prob: float = 0.15,
                 seed: Optional[int] = None) -> None:
        if not 0 <= mask_prob <= 1:
            raise ValueError(f'mask_prob must be in [0, 1], got {mask_prob}.')
        self.vocab_file = vocab_file
        self.mask_prob = mask_prob
        self.rng = np.random.default_rng(seed) if seed is not None else None

    def transform(self, results: dict) -> dict:
        tok = build_tokenizer(self.vocab_file)
        ids = np.asarray(results['input_ids'], dtype=np.int64)
        rng = self.rng if self.rng is not None else np.random
        rand = rng.random if self.rng is not None else rng.random_sample
        sel = rand(ids.shape) < self.mask_prob
        sel &= (ids != tok.pad_token_id) & (ids != tok.cls_token_id)
        labels = np.where(sel, ids, -100)
        out = ids.copy()
        to_mask = sel & (rand(ids.shape) < 0.8)
        out[to_mask] = tok.mask_token_id
        to_rand = sel & ~to_mask & (rand(ids.shape) < 0.5)
        out[to_rand] = rng.integers(0, len(tok), size=int(to_rand.sum())) if self.rng is not None \
            else rng.randint(0, len(tok), size=int(to_rand.sum()))
        results['mlm_input_ids'] = out
        results['mlm_labels'] = labels.astype(np.int64)
        return results
