# Copyright (c) mmcontrast contributors. All rights reserved.
"""Strip a CTP training checkpoint down to the student.

A CTP checkpoint carries three copies of the encoders (``student.*``, the momentum
teacher ``momentum_model.*`` and the frozen previous-task ``reference_model.*``), the
image/text queues (``image_queue.*``, ``text_queue.*``) and optimizer / message-hub state,
about 3x the model. Only the student is used by ``predict``. The result loads strictly into
the SeqF configs (``seqf_*``: the same network without copies or queues) and into the CTP
configs through ``tools/test.py`` (non-strict; missing copies/queues are unused by predict).

Usage::

    python tools/model_converters/ctp_publish.py work_dirs/ctp/task8/epoch_5.pth ctp_p9d.pth
"""
import argparse
from collections import OrderedDict
from typing import Dict

import torch

KEEP_PREFIX = 'student.'


def convert(ckpt: Dict) -> Dict:
    """Return ``{'meta': ..., 'state_dict': student.* only}``.

    Args:
        ckpt (dict): A loaded mmengine checkpoint (with ``state_dict``) or a bare state dict.
    """
    state = ckpt.get('state_dict', ckpt) if isinstance(ckpt, dict) else None
    if not isinstance(state, dict) or not any(k.startswith(KEEP_PREFIX) for k in state):
        raise ValueError('Not a CTP checkpoint: no state dict with student.* keys.')
    out = dict(state_dict=OrderedDict(
        (k, v) for k, v in state.items() if k.startswith(KEEP_PREFIX)))
    if isinstance(ckpt, dict) and 'meta' in ckpt:
        out['meta'] = ckpt['meta']
    return out


def main() -> None:
    from mmengine.runner import CheckpointLoader
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('src', help='CTP training checkpoint')
    parser.add_argument('dst', help='output checkpoint')
    args = parser.parse_args()
    ckpt = CheckpointLoader.load_checkpoint(args.src, map_location='cpu')
    out = convert(ckpt)
    torch.save(out, args.dst)
    dropped = len(ckpt.get('state_dict', ckpt)) - len(out['state_dict'])
    print(f'kept {len(out["state_dict"])} student tensors, dropped {dropped} '
          '(momentum/reference copies, queues)')


if __name__ == '__main__':
    main()
