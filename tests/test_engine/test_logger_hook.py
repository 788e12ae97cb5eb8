# Copyright (c) mmcontrast contributors. All rights reserved.
"""The test-metrics JSON is written by the main process only (no two ranks on one file)."""
import json
from types import SimpleNamespace
from unittest import mock

import pytest

import mmcontrast  # noqa: F401


def _runner(log_dir):
    processor = mock.Mock()
    processor.get_log_after_epoch.return_value = ({'m/acc': 1.5, 'time': 0.1}, 'Epoch(test)')
    return SimpleNamespace(
        log_processor=processor,
        test_dataloader=[0, 1],
        logger=mock.Mock(),
        log_dir=str(log_dir),
        timestamp='ts')


@pytest.mark.parametrize('scope', ['mmpretrain', 'mmseg', 'mmdet'])
def test_config_logger_hook_resolves_to_main_process_dump(scope):
    from mmengine.registry import HOOKS, init_default_scope

    from mmcontrast.engine.hooks import MainProcessLoggerHook
    init_default_scope(scope)
    hook = HOOKS.build(dict(type='LoggerHook', interval=1))
    assert isinstance(hook, MainProcessLoggerHook)


@pytest.mark.parametrize('main', [True, False])
def test_after_test_epoch_dumps_on_main_process_only(main, tmp_path):
    from mmcontrast.engine.hooks import MainProcessLoggerHook
    hook = MainProcessLoggerHook()
    runner = _runner(tmp_path)
    hook.json_log_path = 'ts.json'
    with mock.patch('mmcontrast.engine.hooks.logger_hook.is_main_process', return_value=main):
        hook.after_test_epoch(runner, {'m/acc': 1.5})
    runner.logger.info.assert_called_once_with('Epoch(test)')  # every rank still logs
    path = tmp_path / 'ts.json'
    assert path.exists() == main
    if main:
        assert json.loads(path.read_text()) == {'m/acc': 1.5, 'time': 0.1}
