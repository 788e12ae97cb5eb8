# Copyright (c) mmcontrast contributors. All rights reserved.
"""The contrastive core imports and runs with torch + mmengine alone (issue 11 item 5).

A fresh interpreter installs a ``sys.meta_path`` finder that raises
``ImportError`` for mmcv, mmseg, mmdet and mmpretrain (as if they were not
installed), then imports ``mmcontrast`` and ``mmcontrast.contrastive``,
builds a registered loss and back-propagates through it.
"""
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent('''
    import importlib.abc
    import sys

    HIDDEN = ('mmcv', 'mmseg', 'mmdet', 'mmpretrain')


    class Hide(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split('.')[0] in HIDDEN:
                raise ImportError(f'{name} is hidden in this test')
            return None


    sys.meta_path.insert(0, Hide())
    import torch
    import mmcontrast
    import mmcontrast.contrastive
    from mmcontrast.contrastive.losses import info_nce_loss
    from mmcontrast.registry import MODELS
    q = torch.nn.functional.normalize(torch.randn(6, 4), dim=1).requires_grad_()
    k = torch.nn.functional.normalize(torch.randn(6, 4), dim=1)
    loss = info_nce_loss(q, k, temperature=0.1) + MODELS.build(
        dict(type='SupConLoss', temperature=0.1))(q, torch.tensor([0, 1, 0, 1, 2, 2]))
    loss.backward()
    assert torch.isfinite(loss) and q.grad.abs().sum() > 0
    loaded = sorted(m for m in sys.modules if m.split('.')[0] in HIDDEN)
    assert not loaded, loaded
    try:
        import mmcontrast.seg  # noqa: F401
    except ImportError as e:
        assert 'mmcv' in str(e), e
    else:
        raise AssertionError('the mmseg adapter imported without mmcv')
    print('OK')
''')


def test_core_imports_with_hosts_hidden(repo_root):
    proc = subprocess.run([sys.executable, '-c', SCRIPT], cwd=repo_root, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert proc.stdout.strip().endswith('OK')
