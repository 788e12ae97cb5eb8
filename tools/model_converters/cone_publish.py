# Copyright (c) mmcontrast contributors. All rights reserved.
"""Strip a CoNe training checkpoint down to the inference model.

A CoNe checkpoint carries the momentum key encoder (``key_encoder.*``, a full copy of the
network) and the queues (``queue.*``: keys, labels and class distributions, ~330 MB at
K=65,536, C=1000), plus optimizer and message-hub state. None of it is used by
``predict``. This keeps ``backbone.*``, ``neck.*`` and ``head.*`` only. The result loads
strictly into the CE-baseline config ``ce_resnet50-conehead_8xb128-coslr-100e_in1k.py``
(``ImageClassifier`` + ``CoNeHead``, the same inference network), and into the CoNe config
through ``tools/test.py`` (mmengine loads non-strictly; the missing key-encoder and queue
entries are reported and unused by ``predict``).

Usage::

    python tools/model_converters/cone_publish.py work_dirs/cone/epoch_100.pth cone_r50_in1k.pth
"""
import argparse
from collections import OrderedDict
from typing import Dict

import torch

from mmcontrast.utils import load_checkpoint_file  # restricted unpickling

DROP_PREFIXES = ('key_encoder.', 'queue.')


def convert(ckpt: Dict) -> Dict:
    """Return ``{'meta': ..., 'state_dict': ...}`` without the key encoder and the queues.

    Args:
        ckpt (dict): A loaded mmengine checkpoint (with ``state_dict``) or a bare state dict.

    Returns:
        dict: ``state_dict`` with the online model only; ``meta`` kept when present.
    """
    state = ckpt.get('state_dict', ckpt) if isinstance(ckpt, dict) else None
    if not isinstance(state, dict) or not any(k.startswith('backbone.') for k in state):
        raise ValueError('Not a CoNe/mmpretrain checkpoint: no state dict with backbone.* keys.')
    kept = OrderedDict((k, v) for k, v in state.items() if not k.startswith(DROP_PREFIXES))
    out = dict(state_dict=kept)
    if isinstance(ckpt, dict) and 'meta' in ckpt:
        out['meta'] = ckpt['meta']
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('src', help='CoNe training checkpoint')
    parser.add_argument('dst', help='output checkpoint')
    args = parser.parse_args()
    ckpt = load_checkpoint_file(args.src)
    out = convert(ckpt)
    torch.save(out, args.dst)
    dropped = len(ckpt.get('state_dict', ckpt)) - len(out['state_dict'])
    print(f'kept {len(out["state_dict"])} tensors, dropped {dropped} (key encoder, queues)')


if __name__ == '__main__':
    main()
