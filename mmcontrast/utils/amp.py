# Copyright (c) mmcontrast contributors. All rights reserved.
"""A clear error for ``--amp`` where mixed precision cannot run."""
import torch


def check_amp_available() -> None:
    """Raise if ``--amp`` (mmengine ``AmpOptimWrapper``) cannot run here.

    mmengine's ``AmpOptimWrapper`` asserts a CUDA/NPU/MLU device deep inside the
    runner; this fails first with a message that names the flag and the fix.

    Raises:
        RuntimeError: No CUDA device is visible.
    """
    if not torch.cuda.is_available():
        raise RuntimeError(
            '--amp (AmpOptimWrapper) needs a CUDA GPU, but torch sees none '
            '(torch.cuda.is_available() is False). Drop --amp to train in fp32 on '
            'CPU, or run on a GPU machine.')
