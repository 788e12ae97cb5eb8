# Copyright (c) mmcontrast contributors. All rights reserved.
"""End to end: tools/continual_train.py on the tiny config (slow; spec §8.8)."""
import json
import os
import os.path as osp
import subprocess
import sys

import pytest


@pytest.mark.slow
def test_continual_train_three_tasks_and_resume(tmp_path, repo_root, mini_data_root):
    cfg = 'configs/ctp/ctp_vit-tiny-bert-tiny_1xb16-20e-per-task_mini-p9d.py'
    work = str(tmp_path / 'ctp')
    short = ['train_cfg.max_epochs=1', 'train_cfg.val_interval=1', 'param_scheduler.0.end=1',
             'param_scheduler.0.T_max=1']
    env = {**os.environ, 'OMP_NUM_THREADS': '1', 'PYTHONPATH': repo_root}

    def run(*extra):
        out = subprocess.run([sys.executable, 'tools/continual_train.py', cfg, '--work-dir', work,
                              *extra, '--cfg-options', *short], cwd=repo_root, env=env,
                             capture_output=True, text=True, timeout=1800)
        assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
        return out.stdout

    run('--num-tasks', '2', '--test')
    log = run('--test')  # resumes: tasks 0 and 1 are finished, only task 2 runs
    assert 'task 0: finished earlier, skipped' in log and 'task 1: finished earlier' in log
    with open(osp.join(work, 'continual_results.json')) as f:
        res = json.load(f)
    assert res['tasks'] == 3 and len(res['R'][2]) == 3
    assert all(v is not None for row in res['R'] for v in row)
    assert len(res['multimodal']['mAP@1']) == 3
    assert osp.isfile(osp.join(work, 'continual_results.md'))
