# Copyright (c) mmcontrast contributors. All rights reserved.
"""Checkpoints that survive a kill and resume exactly.

Installed by ``import mmcontrast`` (:func:`install_checkpoint_io`), so every
config gets it without edits:

* **Atomic writes.** mmengine 0.10.7 writes a checkpoint straight to its final
  name; a kill mid-write leaves a truncated file. :func:`atomic_save_checkpoint`
  (patched in for ``mmengine.runner.save_checkpoint``) writes local files to a
  hidden temporary name in the same folder, ``fsync``s it and ``os.replace``s
  it onto the final name, so the final name is either absent or complete.
* **Delete old checkpoints only after the new one is complete.** mmengine's
  ``CheckpointHook`` removes the oldest checkpoint (``max_keep_ckpts``) and the
  previous best checkpoint *before* saving; with ``max_keep_ckpts=1`` a kill
  during the save leaves nothing to resume from. :class:`ResumableCheckpointHook`
  is registered in mmengine's root ``HOOKS`` under the name ``CheckpointHook``
  (``force=True``), so ``default_hooks.checkpoint=dict(type='CheckpointHook')``
  builds it in every scope; it defers those removals until the save returned.
  The ``last_checkpoint`` pointer that ``--resume`` reads is written atomically too.
* **RNG states.** mmengine restores weights, optimizer, schedulers and the
  data order, but re-seeds the global generators on resume, so random
  augmentation (``random``/``numpy`` in the pipeline) and dropout (``torch``)
  draw different numbers than in the uninterrupted run. The hook stores the
  python/numpy/torch(/CUDA) states of every rank in ``checkpoint['rng_states']``
  and restores them on ``--resume`` right before the first new batch is
  fetched (after the iteration-based loop's skip of already-trained batches).
  Validation is made RNG-neutral (states saved at ``before_val`` and put back
  at ``after_val``) so that a run that validated at the checkpoint and a run
  resumed from it continue identically.

Dataloader workers are seeded by mmengine's ``worker_init_fn`` from
(seed, rank, worker id), and samplers by (seed, epoch), so with
``num_workers=0`` or non-persistent workers the resumed data stream matches
exactly; persistent workers of an epoch-based loop keep a state that no
checkpoint holds (a warning says so).
"""
import builtins
import io
import os
import os.path as osp
import random
from typing import Any, Callable, Dict, List, Optional

import numpy as np
import torch
from mmengine.dist import all_gather_object, get_dist_info
from mmengine.hooks import CheckpointHook
from mmengine.logging import print_log
from mmengine.registry import HOOKS

_ORIG_SAVE = None


def _is_local(filename: str) -> bool:
    return '://' not in str(filename)


def atomic_write(filename: str, write: Callable[[Any], None]) -> None:
    """Call ``write(fileobj)`` on a temporary file, fsync it, rename it onto ``filename``.

    The temporary file ``.<name>.tmp-<pid>`` lives in the same folder (same
    filesystem, so ``os.replace`` is atomic) and is removed if ``write`` fails.
    """
    dirname = osp.dirname(osp.abspath(filename))
    os.makedirs(dirname, exist_ok=True)
    tmp = osp.join(dirname, f'.{osp.basename(filename)}.tmp-{os.getpid()}')
    try:
        with open(tmp, 'wb') as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, filename)
    except BaseException:
        if osp.exists(tmp):
            os.remove(tmp)
        raise
    try:  # make the rename itself durable
        fd = os.open(dirname, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:  # pragma: no cover - filesystems without directory fsync
        pass


def atomic_save_checkpoint(checkpoint: dict, filename: str, file_client_args=None,
                           backend_args=None) -> None:
    """``mmengine.runner.save_checkpoint`` that never leaves a partial file.

    Local paths go through :func:`atomic_write`; other backends (pavi, s3,
    ...) use mmengine's implementation unchanged.
    """
    if file_client_args is not None or backend_args is not None \
            or not _is_local(filename):
        return _ORIG_SAVE(checkpoint, filename, file_client_args=file_client_args,
                          backend_args=backend_args)
    atomic_write(filename, lambda f: torch.save(checkpoint, f))


def get_rng_states() -> Dict[str, Any]:
    """The global RNG states this process draws augmentation/dropout from."""
    states = dict(
        python=random.getstate(), numpy=np.random.get_state(), torch=torch.get_rng_state())
    if torch.cuda.is_available() and torch.cuda.is_initialized():
        states['cuda'] = torch.cuda.get_rng_state_all()
    return states


def set_rng_states(states: Dict[str, Any]) -> None:
    """Restore what :func:`get_rng_states` returned."""
    random.setstate(states['python'])
    np.random.set_state(states['numpy'])
    torch.set_rng_state(states['torch'])
    if 'cuda' in states and torch.cuda.is_available():
        cuda = states['cuda']
        if len(cuda) == torch.cuda.device_count():
            torch.cuda.set_rng_state_all(cuda)


class _AtomicTextFile(io.StringIO):
    """``open(path, 'w')`` stand-in whose content lands atomically on close."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self._path = str(path)

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc_type is None:
            data = self.getvalue().encode()
            atomic_write(self._path, lambda f: f.write(data))
        self.close()
        return False


def _checkpoint_hook_open(file: Any, mode: str = 'r', *args: Any, **kwargs: Any) -> Any:
    """``open`` as seen by mmengine's checkpoint hook: ``last_checkpoint`` is
    written atomically (a kill cannot leave it empty for ``--resume``)."""
    if mode == 'w' and osp.basename(str(file)) == 'last_checkpoint' and not args \
            and not kwargs:
        return _AtomicTextFile(file)
    return builtins.open(file, mode, *args, **kwargs)


class _DeferredRemovalBackend:
    """A file backend whose ``remove``/``rmtree`` are queued, not executed."""

    def __init__(self, backend: Any) -> None:
        self._backend = backend
        self.pending: List[tuple] = []

    def remove(self, path: str) -> None:
        self.pending.append(('remove', path))

    def rmtree(self, path: str) -> None:
        self.pending.append(('rmtree', path))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._backend, name)


class _RestoreRngAfterSkip:
    """Wraps the iteration-based loop's data iterator: after ``skip`` batches
    (mmengine's fast-forward on resume), restore ``states`` before fetching."""

    def __init__(self, iterator: Any, skip: int, states: Dict[str, Any]) -> None:
        self._iterator = iterator
        self._skip = skip
        self._states: Optional[Dict[str, Any]] = states

    def __iter__(self) -> '_RestoreRngAfterSkip':
        return self

    def __next__(self) -> Any:
        if self._states is not None and self._skip <= 0:
            set_rng_states(self._states)
            self._states = None
        self._skip -= 1
        return next(self._iterator)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._iterator, name)


class ResumableCheckpointHook(CheckpointHook):
    """mmengine's ``CheckpointHook`` with atomic rotation and RNG states for exact resume.

    Registered as ``CheckpointHook`` in mmengine's root ``HOOKS`` (replacing
    mmengine's class for every scope) by ``import mmcontrast``, because every
    config of every host library gets its checkpoint hook from
    ``default_hooks.checkpoint`` and none should need editing to be safe:

    * old checkpoints (``max_keep_ckpts``) and the previous best checkpoint are
      removed only after the new checkpoint was written completely;
    * ``checkpoint['rng_states']`` holds the RNG states of every rank; on
      ``--resume`` they are restored before the first new batch;
    * validation does not consume training randomness.

    Arguments are those of :class:`mmengine.hooks.CheckpointHook`.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._rng_to_save: Optional[List[Optional[Dict[str, Any]]]] = None
        self._val_rng: Optional[Dict[str, Any]] = None
        self._resume_rng: Optional[Dict[str, Any]] = None

    # ---- atomic rotation ---------------------------------------------------
    def _run_with_deferred_removals(self, fn: Any, *args: Any) -> None:
        backend = self.file_backend
        deferred = _DeferredRemovalBackend(backend)
        self.file_backend = deferred
        try:
            fn(*args)
        finally:
            self.file_backend = backend
        keep = {getattr(self, 'last_ckpt', None), getattr(self, 'best_ckpt_path', None),
                *getattr(self, 'best_ckpt_path_dict', {}).values()}
        for op, path in deferred.pending:  # only reached when the save succeeded
            if path in keep:
                continue
            if op == 'remove' and backend.isfile(path):
                backend.remove(path)
            elif op == 'rmtree' and backend.isdir(path):
                backend.rmtree(path)

    def _save_checkpoint_with_step(self, runner: Any, step: int, meta: dict) -> None:
        self._gather_rng_states()
        self._run_with_deferred_removals(super()._save_checkpoint_with_step, runner, step, meta)
        self._rng_to_save = None

    def _save_best_checkpoint(self, runner: Any, metrics: dict) -> None:
        self._run_with_deferred_removals(super()._save_best_checkpoint, runner, metrics)

    # ---- RNG states --------------------------------------------------------
    def _gather_rng_states(self) -> None:
        local = self._val_rng if self._val_rng is not None else get_rng_states()
        _, world_size = get_dist_info()
        self._rng_to_save = all_gather_object(local) if world_size > 1 else [local]

    def before_save_checkpoint(self, runner: Any, checkpoint: dict) -> None:
        states = self._rng_to_save
        if states is None:  # a save outside _save_checkpoint_with_step (rank 0 only)
            _, world_size = get_dist_info()
            local = self._val_rng if self._val_rng is not None else get_rng_states()
            states = [local] + [None] * (world_size - 1)
        checkpoint['rng_states'] = states

    def after_load_checkpoint(self, runner: Any, checkpoint: dict) -> None:
        if not getattr(runner, '_resume', False) or 'rng_states' not in checkpoint:
            return
        rank, world_size = get_dist_info()
        states = checkpoint['rng_states']
        if len(states) != world_size or states[rank] is None:
            print_log(
                f'The checkpoint holds RNG states for {len(states)} process(es) but this '
                f'run has {world_size}: rank {rank} keeps its freshly seeded RNG, so the '
                'resumed run is not an exact continuation.', logger='current', level=30)
            return
        self._resume_rng = states[rank]

    def before_train(self, runner: Any) -> None:
        super().before_train(runner)
        if self._resume_rng is None:
            return
        states, self._resume_rng = self._resume_rng, None
        loop = runner.train_loop
        if hasattr(loop, 'dataloader_iterator'):  # iteration-based: after the skip
            loop.dataloader_iterator = _RestoreRngAfterSkip(
                loop.dataloader_iterator, loop.iter, states)
        else:
            set_rng_states(states)
            loader = getattr(loop, 'dataloader', None)
            if getattr(loader, 'persistent_workers', False) and loader.num_workers > 0:
                print_log(
                    'persistent_workers=True: the dataloader workers\' RNG states are not '
                    'in the checkpoint, so a resumed run differs from an uninterrupted one '
                    'in worker-side augmentation.', logger='current', level=30)

    def before_val(self, runner: Any) -> None:
        self._val_rng = get_rng_states()

    def after_val(self, runner: Any) -> None:
        if self._val_rng is not None:
            set_rng_states(self._val_rng)
            self._val_rng = None


def install_checkpoint_io() -> None:
    """Patch in atomic saving and register :class:`ResumableCheckpointHook` (idempotent)."""
    global _ORIG_SAVE
    import mmengine.runner as mm_runner
    from mmengine.runner import checkpoint as mm_ckpt
    from mmengine.runner import runner as mm_runner_mod
    if _ORIG_SAVE is None:
        _ORIG_SAVE = mm_ckpt.save_checkpoint
    for mod in (mm_runner, mm_ckpt, mm_runner_mod):
        mod.save_checkpoint = atomic_save_checkpoint
    from mmengine.hooks import checkpoint_hook
    checkpoint_hook.open = _checkpoint_hook_open  # module global shadows the builtin there
    HOOKS.register_module(name='CheckpointHook', module=ResumableCheckpointHook, force=True)
    HOOKS.register_module(
        name='ResumableCheckpointHook', module=ResumableCheckpointHook, force=True)
