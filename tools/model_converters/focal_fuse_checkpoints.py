# Copyright (c) mmcontrast contributors. All rights reserved.
"""Merge independently trained FOCAL extractors into one checkpoint for a fusion config.

FOCAL (Wu et al., arXiv 2308.09307) trains each extractor on its own
(``extractors[0]`` of its training config) and fuses them only at test time.
This copies ``extractors.0.*`` of the i-th input checkpoint to ``extractors.i.*``
of the output, in the order of the fusion config's ``extractors`` list::

    python tools/model_converters/focal_fuse_checkpoints.py \
        work_dirs/vit/best.pth work_dirs/hrnet/best.pth work_dirs/fusion.pth
"""
import argparse
from typing import Dict, List

import torch

from mmcontrast.utils import load_checkpoint_file  # restricted unpickling


def fuse_state_dicts(state_dicts: List[Dict[str, torch.Tensor]]) -> Dict[str, torch.Tensor]:
    """Return ``{'extractors.i.<k>': v}`` from the ``extractors.0.<k>`` of each input.

    Args:
        state_dicts (list[dict]): FOCAL state dicts, one per extractor.

    Returns:
        dict: The fused state dict.
    """
    fused = {}
    for i, sd in enumerate(state_dicts):
        keys = [k for k in sd if k.startswith('extractors.0.')]
        if not keys:
            raise ValueError(f'checkpoint {i} has no "extractors.0.*" weights: is it a FOCAL '
                             'training checkpoint?')
        for k in keys:
            fused[f'extractors.{i}.' + k[len('extractors.0.'):]] = sd[k]
    return fused


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('inputs', nargs='+', help='FOCAL checkpoints, in extractor order')
    parser.add_argument('output', help='fused checkpoint path')
    args = parser.parse_args()
    sds = []
    for path in args.inputs:
        ckpt = load_checkpoint_file(path)
        sds.append(ckpt.get('state_dict', ckpt))
    torch.save(dict(state_dict=fuse_state_dicts(sds), meta=dict(fused_from=args.inputs)),
               args.output)
    print(f'fused {len(sds)} extractors into {args.output}')


if __name__ == '__main__':
    main()
