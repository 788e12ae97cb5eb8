# Copyright (c) mmcontrast contributors. All rights reserved.
"""A non-editable install carries configs/, tools/ and model-index.yml in mmcontrast/.mim."""
import os
import os.path as osp
import shutil
import subprocess
import sys
import zipfile

import pytest


@pytest.fixture(scope='module')
def wheel(tmp_path_factory, repo_root):
    # Build from a copy of the tracked files: building in place would replace the
    # editable install's .mim symlinks with copies.
    src = tmp_path_factory.mktemp('src')
    files = subprocess.run(['git', 'ls-files', '-z'], cwd=repo_root, capture_output=True,
                           check=True).stdout.decode().split('\0')
    for f in filter(None, files):
        if not osp.exists(osp.join(repo_root, f)):
            continue
        os.makedirs(osp.join(src, osp.dirname(f)), exist_ok=True)
        shutil.copy2(osp.join(repo_root, f), osp.join(src, f))
    out = tmp_path_factory.mktemp('wheel')
    proc = subprocess.run(
        [sys.executable, '-m', 'pip', 'wheel', '--no-deps', '--no-build-isolation', '-q',
         '-w', str(out), str(src)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    (whl, ) = [p for p in os.listdir(out) if p.endswith('.whl')]
    return osp.join(out, whl), str(src)


def test_wheel_carries_mim_files(wheel):
    wheel, src = wheel
    import mmcontrast
    assert osp.basename(wheel).startswith(f'mmcontrast-{mmcontrast.__version__}-')
    names = zipfile.ZipFile(wheel).namelist()
    assert 'mmcontrast/.mim/model-index.yml' in names
    assert 'mmcontrast/.mim/tools/train.py' in names
    assert 'mmcontrast/.mim/configs/_base_/datasets/mini-ade.py' in names
    n_configs = sum(1 for root, _, fs in os.walk(osp.join(src, 'configs'))
                    for f in fs if f.endswith('.py'))
    assert sum(1 for n in names
               if n.startswith('mmcontrast/.mim/configs/') and n.endswith('.py')) == n_configs


def test_wheel_does_not_ship_tests_as_a_package(wheel):
    names = zipfile.ZipFile(wheel[0]).namelist()
    assert not any(n.startswith('tests/') for n in names)
    assert not any(n.startswith(('benchmarks/', 'projects/', 'docs/')) for n in names)
