# Copyright (c) mmcontrast contributors. All rights reserved.
"""mmengine's ``LoggerHook`` with the end-of-test JSON written by the main process only.

mmengine 0.10.7's ``LoggerHook.after_test_epoch`` dumps the test metrics to
``<work_dir>/<timestamp>/<timestamp>.json`` on *every* rank, and all ranks
share that path (the timestamp is broadcast from rank 0). Under
``tools/dist_test.sh``, ``tools/continual_train.py --launcher pytorch --test``
or ``tools/attack.py --launcher pytorch`` the processes write the same file at
once and it ends up with two overlapping records (``{...}3}``), which
``json.loads`` rejects. Validation is not affected (its scalars go through the
visualizer, which is main-process only).

The subclass keeps everything else and is registered as ``LoggerHook`` in the
root ``HOOKS`` (as :class:`~mmcontrast.utils.checkpoint_io.ResumableCheckpointHook`
is for ``CheckpointHook``), so ``default_hooks.logger=dict(type='LoggerHook')``
of any host config gets it once ``mmcontrast`` is imported.
"""
import os.path as osp
from typing import Dict, Optional

from mmengine.dist import is_main_process
from mmengine.fileio import dump
from mmengine.hooks import LoggerHook

from mmcontrast.registry import HOOKS


class MainProcessLoggerHook(LoggerHook):
    """``LoggerHook`` whose test-metrics JSON is dumped by rank 0 alone."""

    def after_test_epoch(self, runner, metrics: Optional[Dict[str, float]] = None) -> None:
        tag, log_str = runner.log_processor.get_log_after_epoch(
            runner, len(runner.test_dataloader), 'test', with_non_scalar=True)
        runner.logger.info(log_str)
        if is_main_process():
            dump(self._process_tags(tag), osp.join(runner.log_dir, self.json_log_path))


HOOKS.register_module(name='LoggerHook', module=MainProcessLoggerHook, force=True)
HOOKS.register_module(name='MainProcessLoggerHook', module=MainProcessLoggerHook, force=True)
