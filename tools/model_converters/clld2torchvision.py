# Copyright (c) mmcontrast contributors. All rights reserved.
"""Export a CLLD/PixPro backbone as a torchvision-style ResNet state dict.

Accepts an mmcontrast checkpoint (``state_dict`` with ``backbone.*``,
``neck.*``, ``ppm.*``, ``target_net.*``) or an official CLLD checkpoint
(github sabadijou/clld_official: keys ``model.*`` including
``model.projection.*``). Writes the ResNet weights with torchvision names
(``conv1.weight``, ``layer1.0.bn1.running_mean``, ...), loadable by
``torchvision.models.resnet50``, mmpretrain ``ResNet`` and mmseg
``ResNet(style='pytorch')`` via ``init_cfg=dict(type='Pretrained',
checkpoint=<out>)``. mmseg can also read the mmcontrast checkpoint directly
with ``prefix='backbone.'``.

Usage::

    python tools/model_converters/clld2torchvision.py work_dirs/clld/iter_20.pth r18_clld.pth
"""
import argparse
from collections import OrderedDict
from typing import Dict

import torch

from mmcontrast.utils import load_checkpoint_file  # restricted unpickling


def convert(ckpt: Dict) -> 'OrderedDict[str, torch.Tensor]':
    """Return the backbone weights with torchvision key names.

    Args:
        ckpt (dict): A loaded checkpoint (with or without ``state_dict``).

    Returns:
        OrderedDict: torchvision-style ResNet weights, ``fc.*`` excluded.
    """
    state = ckpt.get('state_dict', ckpt.get('model', ckpt)) if isinstance(ckpt, dict) else ckpt
    if not isinstance(state, dict):
        raise ValueError('Checkpoint has no state dict.')
    out = OrderedDict()
    mm_keys = [k for k in state if k.startswith('backbone.')]
    if mm_keys:  # mmcontrast / mmpretrain checkpoint
        for k in mm_keys:
            out[k[len('backbone.'):]] = state[k]
    else:  # official CLLD checkpoint
        for k, v in state.items():
            k = k[len('module.'):] if k.startswith('module.') else k
            k = k[len('model.'):] if k.startswith('model.') else k
            if k.startswith(('projection.', 'fc.')):
                continue
            out[k] = v
    if not out:
        raise ValueError('No backbone weights found: expected `backbone.*` (mmcontrast) or '
                         '`model.*` (official CLLD) keys.')
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('src', help='mmcontrast or official CLLD checkpoint')
    parser.add_argument('dst', help='output torchvision-style .pth')
    args = parser.parse_args()
    ckpt = load_checkpoint_file(args.src)
    state = convert(ckpt)
    torch.save(state, args.dst)
    print(f'Saved {len(state)} tensors to {args.dst}')


if __name__ == '__main__':
    main()
