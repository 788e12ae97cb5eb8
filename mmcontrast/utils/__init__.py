# Copyright (c) mmcontrast contributors. All rights reserved.
from .amp import check_amp_available
from .checkpoint_compat import (TRUST_ENV, CheckpointReadError, UntrustedCheckpointError,
                                load_checkpoint_file, load_from_local_compat,
                                register_checkpoint_compat, safe_torch_load,
                                torch_load_compat, trusted_checkpoints)
from .checkpoint_io import ResumableCheckpointHook, get_rng_states, set_rng_states
from .config_package import register_config_package
from .dist_compat import prepare_cpu_distributed
from .ops_check import check_mmcv_ops

__all__ = [
    'check_amp_available', 'load_from_local_compat', 'register_checkpoint_compat',
    'torch_load_compat', 'register_config_package', 'check_mmcv_ops',
    'prepare_cpu_distributed', 'TRUST_ENV', 'CheckpointReadError',
    'UntrustedCheckpointError', 'load_checkpoint_file', 'safe_torch_load',
    'trusted_checkpoints', 'ResumableCheckpointHook', 'get_rng_states', 'set_rng_states'
]
