# Copyright (c) mmcontrast contributors. All rights reserved.
"""The one checkpoint-loading path of mmcontrast: it never runs code from the file.

A ``.pth`` file is a pickle, and unpickling can call any importable function
(``__reduce__`` payloads). mmengine 0.10.7 loads every checkpoint with a plain
``torch.load`` (and torch < 2.6 defaults to full unpickling), so opening a
downloaded checkpoint with ``tools/test.py``, ``init_model``, ``load_from``,
``--resume`` or ``init_cfg=dict(type='Pretrained')`` could execute it.

:func:`safe_torch_load` unpickles with a restricted unpickler that resolves only
an allow-list of globals: tensor/storage rebuilders, dtypes, ``torch.Size``,
containers, and the mmengine/numpy types that mmengine training checkpoints
hold (``HistoryBuffer`` of the message hub, numpy arrays/scalars/dtypes of the
RNG states and logs). Anything else raises :class:`UntrustedCheckpointError`
naming the file, the global and the opt-in for trusted legacy files:

* ``MMCONTRAST_TRUST_CHECKPOINTS=1`` in the environment, or
* ``with mmcontrast.utils.trusted_checkpoints(): ...`` in Python.

:func:`register_checkpoint_compat` (run by ``import mmcontrast``) installs it
everywhere mmengine loads checkpoints, so tools and configs need no change:
the local-file and http(s) schemes of ``CheckpointLoader`` (used by
``load_checkpoint``, ``Runner.load_checkpoint``/``resume``, ``PretrainedInit``,
mmseg ``init_model`` and mmpretrain ``get_model``) and the ``torch.load`` that
mmengine's other schemes (open-mmlab://, torchvision://, pavi, ceph) call. The
model converters in ``tools/model_converters/`` call :func:`load_checkpoint_file`.
It also installs the atomic checkpoint saving and the RNG-state resume of
:mod:`mmcontrast.utils.checkpoint_io` (see there).

Unreadable files (empty, truncated, not a checkpoint) raise
:class:`CheckpointReadError` naming the file.
"""
import contextlib
import inspect
import io
import os
import os.path as osp
import pickle
import threading
import types
from typing import Any, Dict, Iterator, Optional

import torch
from mmengine.runner.checkpoint import CheckpointLoader

TRUST_ENV = 'MMCONTRAST_TRUST_CHECKPOINTS'
_SUPPORTS_WEIGHTS_ONLY = 'weights_only' in inspect.signature(torch.load).parameters
_state = threading.local()


class CheckpointReadError(RuntimeError):
    """A checkpoint file is missing, empty, truncated or not a checkpoint."""


class UntrustedCheckpointError(CheckpointReadError, pickle.UnpicklingError):
    """A checkpoint asks to import something outside the allow-list."""


def _trust_message() -> str:
    return (f'If (and only if) you trust this file, load it with {TRUST_ENV}=1 in the '
            'environment (or inside `with mmcontrast.utils.trusted_checkpoints():`), '
            'then re-save its tensors with a clean torch.save.')


def checkpoints_trusted() -> bool:
    """Whether full (code-executing) unpickling was opted in."""
    if getattr(_state, 'trusted', False):
        return True
    return os.environ.get(TRUST_ENV, '').strip().lower() in ('1', 'true', 'yes', 'on')


@contextlib.contextmanager
def trusted_checkpoints() -> Iterator[None]:
    """Within this block, checkpoints are unpickled without restriction."""
    old = getattr(_state, 'trusted', False)
    _state.trusted = True
    try:
        yield
    finally:
        _state.trusted = old


def _numpy_globals() -> Dict[str, Any]:
    import numpy as np
    try:
        from numpy.core import multiarray
    except ImportError:  # pragma: no cover - numpy 2 only
        from numpy._core import multiarray
    out = {
        'numpy.ndarray': np.ndarray,
        'numpy.dtype': np.dtype,
        'numpy.core.multiarray._reconstruct': multiarray._reconstruct,
        'numpy.core.multiarray.scalar': multiarray.scalar,
        # files written with numpy 2
        'numpy._core.multiarray._reconstruct': multiarray._reconstruct,
        'numpy._core.multiarray.scalar': multiarray.scalar,
    }
    dtypes = getattr(np, 'dtypes', None)
    if dtypes is not None:
        for name in dir(dtypes):
            if name.endswith('DType') and not name.startswith('_'):
                out[f'numpy.dtypes.{name}'] = getattr(dtypes, name)
    return out


def _history_buffer_getattr(obj: Any, name: str) -> Any:
    """``getattr`` restricted to what a pickled ``HistoryBuffer`` needs.

    ``HistoryBuffer._statistics_methods`` pickles ``getattr(HistoryBuffer, 'mean')``
    and friends; a general ``getattr`` would let a pickle reach ``__globals__``.
    """
    from mmengine.logging import HistoryBuffer
    stats = set(getattr(HistoryBuffer, '_statistics_methods', {})) | {
        'min', 'max', 'current', 'mean'}
    if obj is HistoryBuffer and isinstance(name, str) and not name.startswith('_') \
            and name in stats:
        return getattr(HistoryBuffer, name)
    raise UntrustedCheckpointError(
        f'getattr({obj!r}, {name!r}) is not allowed in a checkpoint')


_ALLOWED: Optional[Dict[str, Any]] = None


def allowed_globals() -> Dict[str, Any]:
    """``'module.name' -> object`` that a checkpoint may import (built once)."""
    global _ALLOWED
    if _ALLOWED is not None:
        return _ALLOWED
    import collections

    from mmengine.logging.history_buffer import HistoryBuffer
    allowed: Dict[str, Any] = {}
    try:  # torch's own weights-only allow-list: rebuilders, dtypes, storages, Size
        from torch import _weights_only_unpickler
        allowed.update(_weights_only_unpickler._get_allowed_globals())
    except (ImportError, AttributeError):  # pragma: no cover
        pass
    for name in ('_rebuild_tensor', '_rebuild_tensor_v2', '_rebuild_parameter',
                 '_rebuild_parameter_with_state', '_rebuild_sparse_tensor',
                 '_rebuild_meta_tensor_no_storage', '_rebuild_qtensor',
                 '_rebuild_device_tensor_from_numpy'):
        if hasattr(torch._utils, name):
            allowed[f'torch._utils.{name}'] = getattr(torch._utils, name)
    for name in dir(torch):
        obj = getattr(torch, name, None)
        if isinstance(obj, (torch.dtype, torch.layout, torch.memory_format)):
            allowed[f'torch.{name}'] = obj
    allowed.update({
        'torch.Size': torch.Size,
        'torch.device': torch.device,
        'torch.serialization._get_layout': getattr(torch.serialization, '_get_layout', None),
        'collections.OrderedDict': collections.OrderedDict,
        'collections.defaultdict': collections.defaultdict,
        'collections.deque': collections.deque,
        'mmengine.logging.history_buffer.HistoryBuffer': HistoryBuffer,
        '_codecs.encode': __import__('_codecs').encode,  # bytes of numpy arrays (protocol 2)
    })
    for mod in ('builtins', '__builtin__'):
        for name in ('set', 'frozenset', 'complex', 'slice', 'range', 'bytearray', 'bytes',
                     'list', 'dict', 'tuple', 'int', 'float', 'bool', 'str'):
            allowed[f'{mod}.{name}'] = getattr(__import__('builtins'), name)
        allowed[f'{mod}.getattr'] = _history_buffer_getattr
    allowed.update(_numpy_globals())
    _ALLOWED = {k: v for k, v in allowed.items() if v is not None}
    return _ALLOWED


class RestrictedUnpickler(pickle.Unpickler):
    """Unpickler that resolves only :func:`allowed_globals`."""

    def find_class(self, module: str, name: str) -> Any:
        obj = allowed_globals().get(f'{module}.{name}')
        if obj is None:
            raise UntrustedCheckpointError(
                f'the checkpoint imports `{module}.{name}`, which is not a tensor, '
                'container or known mmengine/numpy type')
        return obj


def _restricted_load(file: Any, **kwargs: Any) -> Any:
    return RestrictedUnpickler(file, **kwargs).load()


#: A ``pickle_module`` for ``torch.load`` that resolves only allowed globals.
restricted_pickle = types.ModuleType('mmcontrast_restricted_pickle')
restricted_pickle.Unpickler = RestrictedUnpickler  # type: ignore[attr-defined]
restricted_pickle.load = _restricted_load  # type: ignore[attr-defined]
restricted_pickle.loads = lambda data, **kw: _restricted_load(io.BytesIO(data), **kw)  # type: ignore
restricted_pickle.UnpicklingError = pickle.UnpicklingError  # type: ignore[attr-defined]


#: Checkpoints that tiny configs start from and that an earlier run produces:
#: ``path suffix -> (config glob, commands with {cfg})``. The glob finds the
#: config under its current name (tiny configs may be renamed).
CHECKPOINT_RECIPES: Dict[str, tuple] = {
    'clld_tiny/r18_tv.pth': (
        'configs/clld/clld_resnet18_1xb4-100iter_*photos*.py',
        ('python tools/train.py {cfg} --work-dir work_dirs/clld_tiny',
         'python tools/model_converters/clld2torchvision.py work_dirs/clld_tiny/iter_100.pth '
         'work_dirs/clld_tiny/r18_tv.pth')),
}


def register_checkpoint_recipe(path_suffix: str, config_glob: str, commands: tuple) -> None:
    """Tell the "not found" error how a derived checkpoint is produced."""
    CHECKPOINT_RECIPES[path_suffix] = (config_glob, tuple(commands))


def _recipe_hint(name: str) -> str:
    import glob
    norm = str(name).replace(os.sep, '/')
    for suffix, (cfg_glob, commands) in CHECKPOINT_RECIPES.items():
        if norm.endswith(suffix):
            found = sorted(glob.glob(cfg_glob))
            cfg = found[0] if found else cfg_glob
            steps = '\n'.join('    ' + c.format(cfg=cfg) for c in commands)
            return (f' It is produced by an earlier run; from the repository root:\n{steps}\n'
                    'or point the config at another file, e.g. --cfg-options '
                    'model.backbone.init_cfg.checkpoint=<file.pth>.')
    return ''


def _describe(file: Any) -> str:
    if isinstance(file, (str, os.PathLike)):
        return str(file)
    return getattr(file, 'name', None) or f'<{type(file).__name__}>'


def safe_torch_load(file: Any, map_location: Any = None, **kwargs: Any) -> Any:
    """``torch.load`` that never executes code from ``file`` unless trusted.

    Args:
        file (str | PathLike | file-like): The checkpoint.
        map_location: As for ``torch.load``.
        **kwargs: Other ``torch.load`` arguments (``pickle_module`` and
            ``weights_only`` are decided here and ignored).

    Returns:
        The unpickled object.

    Raises:
        UntrustedCheckpointError: The file needs a global outside the
            allow-list (message names the file and the opt-in).
        CheckpointReadError: The file is empty, truncated or not a checkpoint.
    """
    kwargs.pop('pickle_module', None)
    kwargs.pop('weights_only', None)
    name = _describe(file)
    if isinstance(file, (str, os.PathLike)):
        if not osp.isfile(file):
            raise FileNotFoundError(f'checkpoint {name} can not be found.{_recipe_hint(name)}')
        if osp.getsize(file) == 0:
            raise CheckpointReadError(
                f'checkpoint {name} is empty (0 bytes): it was probably interrupted while '
                'being written; use an earlier checkpoint or re-download it.')
    trusted = checkpoints_trusted()
    if trusted:
        load_kwargs = dict(kwargs)
    else:
        load_kwargs = dict(kwargs, pickle_module=restricted_pickle)
    if _SUPPORTS_WEIGHTS_ONLY:
        load_kwargs['weights_only'] = False
    try:
        return torch.load(file, map_location=map_location, **load_kwargs)
    except UntrustedCheckpointError as e:
        raise UntrustedCheckpointError(
            f'Refusing to load checkpoint {name}: {e}. Loading it could run code from '
            f'the file. {_trust_message()}') from None
    except (EOFError, pickle.UnpicklingError, RuntimeError, ValueError, KeyError,
            UnicodeDecodeError, OSError) as e:
        if isinstance(e, FileNotFoundError):
            raise
        raise CheckpointReadError(
            f'Cannot read checkpoint {name}: it is truncated, corrupt or not a PyTorch '
            f'checkpoint ({type(e).__name__}: {e}). Use an earlier checkpoint or '
            're-download it.') from e


def load_checkpoint_file(filename: str, map_location: Any = 'cpu') -> Any:
    """Load a checkpoint file the safe way (what converters and tools call).

    Args:
        filename (str): Local path, or any prefix mmengine's
            ``CheckpointLoader`` understands (``https://``, ``open-mmlab://``).
        map_location: As for ``torch.load``. Defaults to ``'cpu'``.

    Returns:
        The unpickled checkpoint.
    """
    return CheckpointLoader.load_checkpoint(filename, map_location=map_location)


# kept for backward compatibility: same safe behaviour
torch_load_compat = safe_torch_load


def load_from_local_compat(filename: str, map_location: Optional[Any] = None) -> Any:
    """Replacement for mmengine's local-file ``CheckpointLoader`` scheme."""
    return safe_torch_load(osp.expanduser(filename), map_location=map_location)


def load_from_http_safe(filename: str, map_location: Optional[Any] = None,
                        model_dir: Optional[str] = None, progress: bool = True) -> Any:
    """Replacement for mmengine's http(s) scheme: download, then load safely."""
    from urllib.parse import urlparse

    from mmengine.dist import barrier, get_dist_info
    rank, world_size = get_dist_info()
    model_dir = model_dir or osp.join(torch.hub.get_dir(), 'checkpoints')
    cached = osp.join(model_dir, osp.basename(urlparse(filename).path))

    def _download() -> None:
        if not osp.exists(cached):
            os.makedirs(model_dir, exist_ok=True)
            torch.hub.download_url_to_file(filename, cached, progress=progress)

    if rank == 0:
        _download()
    if world_size > 1:
        barrier()
        if rank > 0:
            _download()
    return safe_torch_load(cached, map_location=map_location)


class _SafeTorch(types.ModuleType):
    """``torch`` as seen by mmengine's checkpoint module, with a safe ``load``."""

    def __init__(self) -> None:
        super().__init__('torch')

    def __getattr__(self, name: str) -> Any:
        return getattr(torch, name)

    @staticmethod
    def load(*args: Any, **kwargs: Any) -> Any:
        return safe_torch_load(*args, **kwargs)


def register_checkpoint_compat() -> None:
    """Route every mmengine checkpoint load through :func:`safe_torch_load` (idempotent).

    Also installs atomic checkpoint saving and exact-resume RNG handling
    (:func:`mmcontrast.utils.checkpoint_io.install_checkpoint_io`).
    """
    from mmengine.runner import checkpoint as mm_ckpt
    CheckpointLoader.register_scheme(prefixes='', force=True)(load_from_local_compat)
    CheckpointLoader.register_scheme(
        prefixes=('http://', 'https://'), force=True)(load_from_http_safe)
    # open-mmlab://, torchvision://, mmcls:// resolve to load_from_http by module global;
    # pavi/ceph/openmmlab-local call torch.load through the module's `torch`.
    mm_ckpt.load_from_http = load_from_http_safe
    if not isinstance(mm_ckpt.torch, _SafeTorch):
        mm_ckpt.torch = _SafeTorch()
    from .checkpoint_io import install_checkpoint_io
    install_checkpoint_io()

