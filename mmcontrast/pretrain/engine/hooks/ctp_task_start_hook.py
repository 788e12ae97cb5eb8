# Copyright (c) mmcontrast contributors. All rights reserved.
"""Start a CTP task: take the momentum/reference copies at its first iteration."""
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper
from mmpretrain.registry import HOOKS


@HOOKS.register_module()
class CTPTaskStartHook(Hook):
    """Call ``model.start_task(model.task_id)`` before training, at iteration 0 only.

    With one mmengine run per task (``tools/continual_train.py``), the
    previous task's weights and queues are restored by ``load_from`` before
    ``before_train``; the copies are then taken from them (task 0: momentum
    <- student; task >= 1: reference and momentum <- student). A mid-task
    ``--resume`` (``runner.iter > 0``) keeps the copies saved in the
    checkpoint (CTP spec §5).
    """
    priority = 'VERY_HIGH'

    def before_train(self, runner) -> None:
        model = runner.model.module if is_model_wrapper(runner.model) else runner.model
        if not hasattr(model, 'start_task'):
            raise TypeError(f'CTPTaskStartHook needs a model with start_task(), got '
                            f'{type(model).__name__}.')
        if runner.iter == 0:
            model.start_task(model.task_id)
            runner.logger.info(f'CTP: started task {model.task_id} (copies taken).')
        else:
            runner.logger.info(f'CTP: resumed task {model.task_id} at iteration {runner.iter}; '
                               'keeping the saved momentum/reference copies.')
