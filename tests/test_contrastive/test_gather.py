# Copyright (c) mmcontrast contributors. All rights reserved.
"""Single-process behaviour of the gathers (identity without a process group)."""
import subprocess
import sys

import torch

from mmcontrast.contrastive import all_gather_no_grad, all_gather_with_grad


def test_identity_single_process():
    x = torch.randn(4, 3, requires_grad=True)
    y = all_gather_with_grad(x)
    assert y is x
    (y * 2).sum().backward()
    torch.testing.assert_close(x.grad, torch.full((4, 3), 2.))
    z = all_gather_no_grad(x)
    assert torch.equal(z, x) and not z.requires_grad


def test_core_imports_no_host_library():
    """``import mmcontrast.contrastive`` must not pull mmseg, mmdet or mmpretrain."""
    code = (
        'import sys, mmcontrast.contrastive, mmcontrast.contrastive.losses, '
        'mmcontrast.contrastive.samplers; '
        "bad = sorted({m.split('.')[0] for m in sys.modules} & {'mmseg', 'mmdet', 'mmpretrain'}); "
        'print(bad); sys.exit(1 if bad else 0)')
    out = subprocess.run([sys.executable, '-c', code],
                         capture_output=True,
                         text=True,
                         timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
