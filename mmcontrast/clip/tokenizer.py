# Copyright (c) mmcontrast contributors. All rights reserved.
"""CLIP's byte-pair tokenizer over the vocabulary bundled in an installed package."""
import os.path as osp
from typing import List, Optional, Sequence, Union

import torch
from torch import Tensor

SOT_TOKEN = 49406  # '<start_of_text>'
EOT_TOKEN = 49407  # '<end_of_text>'


def _simple_tokenizer(bpe_path: Optional[str]):
    """OpenAI's ``SimpleTokenizer`` from open_clip (preferred) or mmseg.

    Both packages ship the same 49,408-entry vocabulary
    (``bpe_simple_vocab_16e6.txt.gz``) and the same BPE code, so mmcontrast
    does not vendor a copy.
    """
    try:
        from open_clip.tokenizer import SimpleTokenizer
    except ImportError:
        try:
            from mmseg.utils.tokenizer import SimpleTokenizer
        except ImportError as e:
            raise ImportError(
                'CLIPTokenizer needs the BPE vocabulary of open_clip (pip install '
                'open-clip-torch) or mmsegmentation; neither is importable.') from e
    if bpe_path is None:
        return SimpleTokenizer()
    if not osp.isfile(bpe_path):
        raise FileNotFoundError(f'CLIPTokenizer bpe_path {bpe_path!r} does not exist.')
    return SimpleTokenizer(bpe_path)


class CLIPTokenizer:
    """OpenAI CLIP's tokenizer (Radford et al., ICML 2021) as a callable.

    ``texts -> (N, context_length)`` long ids ``[SOT, bpe..., EOT, 0...]``;
    longer texts are truncated with EOT kept last (``open_clip.tokenize`` and
    ``mmseg.utils.tokenize`` give the same ids). The vocabulary is loaded on
    the first call.

    Args:
        bpe_path (str, optional): A ``bpe_simple_vocab_16e6.txt.gz``; None uses
            the one bundled with open_clip (or mmseg). Defaults to None.
    """

    def __init__(self, bpe_path: Optional[str] = None) -> None:
        self.bpe_path = bpe_path
        self._bpe = None

    def encode(self, text: str) -> List[int]:
        """BPE ids of ``text`` without SOT/EOT (lower-cased, whitespace-cleaned)."""
        if self._bpe is None:
            self._bpe = _simple_tokenizer(self.bpe_path)
        return self._bpe.encode(text)

    def __call__(self, texts: Union[str, Sequence[str]], context_length: int = 77) -> Tensor:
        """Args: texts (str | list[str]), context_length (int, >= 2).
        Returns: (N, context_length) int64 ids; EOT is the argmax of each row."""
        if context_length < 2:
            raise ValueError(f'context_length must be >= 2 (SOT and EOT), got {context_length}.')
        if isinstance(texts, str):
            texts = [texts]
        out = torch.zeros(len(texts), context_length, dtype=torch.long)
        for i, text in enumerate(texts):
            ids = [SOT_TOKEN] + self.encode(text) + [EOT_TOKEN]
            if len(ids) > context_length:
                ids = ids[:context_length]
                ids[-1] = EOT_TOKEN
            out[i, :len(ids)] = torch.tensor(ids)
        return out

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(bpe_path={self.bpe_path!r})'
