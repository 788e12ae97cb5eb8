# Copyright (c) mmcontrast contributors. All rights reserved.
"""Checkpoint loading that survives ``torch.load(weights_only=True)`` defaults.

From torch 2.6 ``torch.load`` defaults to ``weights_only=True``; mmengine
0.10.7's local loader relies on the default and then fails on its own
checkpoints (``Unsupported global: mmengine.logging.HistoryBuffer``), both in
``load_checkpoint`` and in ``runner.resume``. The fix is on mmengine's main
branch but in no release, so mmcontrast re-registers the local-file scheme with
a loader that passes ``weights_only`` explicitly:

* plain weights (a state dict of tensors, e.g. a converted CLIP or ImageNet
  checkpoint) are loaded with ``weights_only=True``;
* a full training checkpoint written by mmengine (message hub, numpy scalars,
  optimizer state) is not loadable that way and is re-read with
  ``weights_only=False``. Only do that for files you trust, exactly as
  mmengine does on torch < 2.6.
"""
import inspect
import os.path as osp
import pickle
from typing import Any, Optional

import torch
from mmengine.logging import print_log
from mmengine.runner.checkpoint import CheckpointLoader

_SUPPORTS_WEIGHTS_ONLY = 'weights_only' in inspect.signature(torch.load).parameters


def torch_load_compat(filename: Any, map_location: Optional[Any] = None) -> Any:
    """Load ``filename`` with ``weights_only=True`` first, then fall back.

    Args:
        filename (str | file-like): What ``torch.load`` accepts.
        map_location: Passed to ``torch.load``.

    Returns:
        The unpickled object.
    """
    if not _SUPPORTS_WEIGHTS_ONLY:
        return torch.load(filename, map_location=map_location)
    try:
        return torch.load(filename, map_location=map_location, weights_only=True)
    except (pickle.UnpicklingError, RuntimeError, AttributeError, TypeError) as e:
        # mmengine checkpoints pickle HistoryBuffer, numpy scalars, ...
        print_log(
            f'{filename!s} is not a plain-weights file ({type(e).__name__}); '
            'loading it with weights_only=False (trusted local checkpoint).',
            logger='current', level=10)
        if hasattr(filename, 'seek'):
            filename.seek(0)
        return torch.load(filename, map_location=map_location, weights_only=False)


def load_from_local_compat(filename: str, map_location: Optional[Any] = None) -> Any:
    """Drop-in replacement for mmengine's ``load_from_local`` scheme."""
    filename = osp.expanduser(filename)
    if not osp.isfile(filename):
        raise FileNotFoundError(f'{filename} can not be found.')
    return torch_load_compat(filename, map_location=map_location)


def register_checkpoint_compat() -> None:
    """Register :func:`load_from_local_compat` for local paths (idempotent)."""
    CheckpointLoader.register_scheme(prefixes='', force=True)(load_from_local_compat)
