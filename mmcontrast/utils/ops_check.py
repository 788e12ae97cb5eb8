# Copyright (c) mmcontrast contributors. All rights reserved.
"""Fail early, with one actionable message, when mmcv's compiled ops are missing."""
import importlib.util

MMCV_OPS_HELP = (
    'mmcontrast needs mmcv 2.1.0 with its compiled ops (the module `mmcv._ext`), '
    'which mmseg and mmdet import. `mmcv-lite` or a wheel built without ops lacks '
    'them. Install them with `bash tools/setup_env.sh` (uses the cached wheel in '
    '../shared/wheels when present), or build from source with:\n'
    '    pip install "setuptools<70" wheel ninja\n'
    '    MAX_JOBS=2 MMCV_WITH_OPS=1 pip install --no-build-isolation mmcv==2.1.0\n'
    'See docs/get_started.md.')


def check_mmcv_ops() -> None:
    """Raise ``ImportError`` with install instructions if mmcv has no compiled ops.

    Raises:
        ImportError: mmcv is missing, or installed without ``mmcv._ext``.
    """
    if importlib.util.find_spec('mmcv') is None:
        raise ImportError('mmcv is not installed. ' + MMCV_OPS_HELP)
    if importlib.util.find_spec('mmcv._ext') is None:
        raise ImportError('mmcv is installed without its compiled ops. ' +
                          MMCV_OPS_HELP)
