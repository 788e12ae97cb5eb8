# Copyright (c) mmcontrast contributors. All rights reserved.
"""Convert a Hugging Face BERT MLM checkpoint (bert-base-chinese) for CTP's ALBEF BERT.

``bert.embeddings.*`` / ``bert.encoder.layer.{i}.*`` become ``text_encoder.*`` (every layer's
self-attention and FFN, as ALBEF initialises all 12 layers from BERT; the cross-attention of
the fusion layers stays random), ``cls.predictions.transform.*`` and ``cls.predictions.bias``
become ``mlm_head.*`` (the decoder is tied to the word embeddings and dropped); old
``gamma``/``beta`` LayerNorm names become ``weight``/``bias``; the pooler is dropped. The
configs load the result with ``init_cfg=dict(type='Pretrained', checkpoint=...,
prefix='text_encoder.' | 'mlm_head.')``.

Usage::

    python tools/model_converters/ctp_bert2mmcontrast.py \
        bert-base-chinese/pytorch_model.bin pretrain/bert-base-chinese_albef.pth
"""
import argparse
from collections import OrderedDict
from typing import Dict

import torch


def convert(state: Dict[str, torch.Tensor]) -> Dict[str, torch.Tensor]:
    """Rename a ``BertForMaskedLM``/``BertForPreTraining`` state dict (see module doc)."""
    out = OrderedDict()
    for k, v in state.items():
        k = k.replace('LayerNorm.gamma', 'LayerNorm.weight').replace('LayerNorm.beta',
                                                                     'LayerNorm.bias')
        if k.startswith('bert.embeddings.') or k.startswith('bert.encoder.'):
            out['text_encoder.' + k[len('bert.'):]] = v
        elif k.startswith('cls.predictions.transform.'):
            out['mlm_head.' + k[len('cls.predictions.transform.'):]] = v
        elif k == 'cls.predictions.bias':
            out['mlm_head.bias'] = v
    if not any(k.startswith('text_encoder.embeddings.') for k in out):
        raise ValueError('Not a BERT checkpoint: no bert.embeddings.* keys.')
    return out


def main() -> None:
    from mmengine.runner import CheckpointLoader
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('src', help='Hugging Face pytorch_model.bin')
    parser.add_argument('dst', help='output checkpoint')
    args = parser.parse_args()
    ckpt = CheckpointLoader.load_checkpoint(args.src, map_location='cpu')
    out = convert(ckpt.get('state_dict', ckpt))
    torch.save(dict(state_dict=out), args.dst)
    print(f'wrote {len(out)} tensors to {args.dst}')


if __name__ == '__main__':
    main()
