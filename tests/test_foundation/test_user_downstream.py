# Copyright (c) mmcontrast contributors. All rights reserved.
"""A downstream project in another folder inherits an ``mmcontrast::`` tiny config, points it
at mini data it generated itself with ``python -m mmcontrast.mini_datasets``, and trains."""
import glob
import os
import os.path as osp
import re
import subprocess
import sys


def _run(args, cwd, repo_root):
    env = dict(os.environ, OMP_NUM_THREADS='1', PYTHONPATH=repo_root)
    env['PATH'] = osp.dirname(sys.executable) + os.pathsep + env.get('PATH', '')
    proc = subprocess.run([sys.executable] + args, cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc.stdout + proc.stderr


def test_downstream_config_inherits_and_trains_on_its_own_data(tmp_path, repo_root):
    project = tmp_path / 'my_project'
    (project / 'configs').mkdir(parents=True)
    out = _run(['-m', 'mmcontrast.mini_datasets', '--out', 'data', 'ade'], str(project),
               repo_root)
    assert 'ade: data/ade' in out
    tiny = sorted(glob.glob(osp.join(repo_root, 'configs/icpc/icpc_*tiny*mini-ade*.py')))[0]
    base = 'mmcontrast::icpc/' + osp.basename(tiny)
    # the documented pattern (docs/downstream_projects.md): set data_root once and hand it to
    # every dataloader: values of an inherited file are already resolved strings
    (project / 'configs' / 'my_icpc.py').write_text(f"""
_base_ = '{base}'
data_root = 'data/ade/ADEChallengeData2016'
train_dataloader = dict(dataset=dict(data_root=data_root))
val_dataloader = dict(dataset=dict(data_root=data_root, indices=2))
test_dataloader = val_dataloader
train_cfg = dict(max_iters=3, val_interval=3)
default_hooks = dict(logger=dict(interval=1), checkpoint=dict(interval=3))
""")
    out = _run([osp.join(repo_root, 'tools', 'train.py'), 'configs/my_icpc.py', '--work-dir',
                'work_dirs/my_icpc'], str(project), repo_root)
    assert re.search(r'Iter\(train\) \[3/3\].*loss: [0-9.]+', out), out[-2000:]
    assert re.search(r'Iter\(val\) \[2/2\].*mIoU', out)
    assert osp.exists(project / 'work_dirs' / 'my_icpc' / 'iter_3.pth')
    # the run read the project's data, not the clone's data/mini
    assert str(project / 'data') in out or 'data/ade/ADEChallengeData2016' in out
