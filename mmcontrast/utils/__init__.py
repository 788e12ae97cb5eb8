# Copyright (c) mmcontrast contributors. All rights reserved.
from .amp import check_amp_available
from .checkpoint_compat import (load_from_local_compat, register_checkpoint_compat,
                                torch_load_compat)
from .config_package import register_config_package
from .dist_compat import prepare_cpu_distributed
from .ops_check import check_mmcv_ops

__all__ = [
    'check_amp_available', 'load_from_local_compat', 'register_checkpoint_compat',
    'torch_load_compat', 'register_config_package', 'check_mmcv_ops',
    'prepare_cpu_distributed'
]
