# Copyright (c) mmcontrast contributors. All rights reserved.
"""Strip training state from a checkpoint and put the sha256 prefix in its name.

mmseg/mmpretrain parity (``tools/model_converters/publish_model.py``). Loads through mmengine's
checkpoint loader (``CheckpointLoader.load_checkpoint``), keeps ``state_dict`` and the
inference-relevant ``meta`` (``dataset_meta``, versions, config text), drops the optimizer,
parameter schedulers, message hub and EMA copies (``--keep-ema`` keeps ``ema_state_dict``),
and writes ``<out stem>-<first 8 hex digits of sha256>.pth``.

Usage::

    python tools/model_converters/publish_model.py work_dirs/x/iter_300.pth icpc_tiny.pth
    # -> icpc_tiny-1a2b3c4d.pth
"""
import argparse
import hashlib
import os
import os.path as osp

import torch

TRAINING_KEYS = ('optimizer', 'param_schedulers', 'message_hub', 'ema_state_dict')
META_KEYS = ('dataset_meta', 'mmengine_version', 'mmseg_version', 'mmpretrain_version',
             'mmdet_version', 'experiment_name', 'cfg', 'seed', 'time')


def strip_checkpoint(ckpt: dict, keep_ema: bool = False) -> dict:
    """The published checkpoint: ``state_dict`` + inference ``meta``."""
    if not isinstance(ckpt, dict):
        raise ValueError('not an mmengine checkpoint (expected a dict)')
    state = ckpt.get('state_dict', ckpt)
    if not isinstance(state, dict) or not state or not all(
            torch.is_tensor(v) for v in state.values()):
        raise ValueError('the checkpoint has no state_dict of tensors')
    out = dict(state_dict=state)
    meta = ckpt.get('meta', {}) if 'state_dict' in ckpt else {}
    out['meta'] = {k: v for k, v in meta.items() if k in META_KEYS}
    if keep_ema and 'ema_state_dict' in ckpt:
        out['ema_state_dict'] = ckpt['ema_state_dict']
    return out


def sha256_of(path: str) -> str:
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for chunk in iter(lambda: f.read(1 << 20), b''):
            h.update(chunk)
    return h.hexdigest()


def publish(in_file: str, out_file: str, keep_ema: bool = False) -> str:
    """Write the stripped checkpoint and return its final path (with the hash)."""
    from mmengine.runner import CheckpointLoader
    ckpt = CheckpointLoader.load_checkpoint(in_file, map_location='cpu')
    out = strip_checkpoint(ckpt, keep_ema)
    if not out_file.endswith('.pth'):
        raise ValueError(f'out_file must end with .pth, got {out_file}')
    os.makedirs(osp.dirname(osp.abspath(out_file)), exist_ok=True)
    tmp = out_file + '.tmp'
    torch.save(out, tmp)
    final = f'{out_file[:-4]}-{sha256_of(tmp)[:8]}.pth'
    os.replace(tmp, final)
    return final


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('in_file', help='training checkpoint')
    parser.add_argument('out_file', help='output name (.pth); the hash prefix is appended')
    parser.add_argument('--keep-ema', action='store_true', help='keep ema_state_dict')
    args = parser.parse_args()
    final = publish(args.in_file, args.out_file, args.keep_ema)
    print(f'published: {final}')


if __name__ == '__main__':
    main()
