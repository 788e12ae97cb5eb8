# Copyright (c) mmcontrast contributors. All rights reserved.
"""The user tools on tiny work dirs: analyze_logs, publish_model, confusion_matrix and
browse_dataset (every method's tiny config)."""
import glob
import importlib.util
import json
import os
import os.path as osp
import subprocess
import sys

import pytest
import torch

CFG = 'tests/test_foundation/configs/tiny_fcn_deterministic_mini-ade.py'
TINY = {
    'icpc': 'configs/icpc/icpc_*tiny*mini-ade*.py',
    'smmcl': 'configs/smmcl/smmcl_*tiny*llrgbd*64x96.py',
    'focal': 'configs/focal/focal-v1-kmeans_hrnet-tiny_*forgery*.py',
    'lanes': 'configs/clld/fpn_r18_1xb4-150iter_*culane*.py',
    'cone': 'configs/cone/cone_resnet18-cifar_1xb32-10e_*digits.py',
    'clld': 'configs/clld/clld_resnet18_1xb4-100iter_*photos-112.py',
}


def _run(args, cwd):
    env = dict(os.environ, OMP_NUM_THREADS='1', PYTHONPATH=cwd)
    env['PATH'] = osp.dirname(sys.executable) + os.pathsep + env.get('PATH', '')
    proc = subprocess.run([sys.executable] + args, cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc.stdout + proc.stderr


def _tool(repo_root, rel):
    spec = importlib.util.spec_from_file_location(osp.basename(rel)[:-3],
                                                  osp.join(repo_root, rel))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope='module')
def tiny_work_dir(tmp_path_factory, repo_root, mini_data_root):
    """A 4-iteration run of the tiny FCN config: json log + checkpoints."""
    work = str(tmp_path_factory.mktemp('tiny_work'))
    _run(['tools/train.py', CFG, '--work-dir', work], repo_root)
    return work


def test_analyze_logs(tiny_work_dir, repo_root, tmp_path):
    logs = glob.glob(osp.join(tiny_work_dir, '*', 'vis_data', '[0-9]*.json'))
    assert logs, os.listdir(tiny_work_dir)
    out = str(tmp_path / 'curves.png')
    _run(['tools/analysis/analyze_logs.py', 'plot_curve', logs[0], '--keys', 'loss', 'mIoU',
          '--out', out], repo_root)
    assert osp.getsize(out) > 0
    text = _run(['tools/analysis/analyze_logs.py', 'cal_train_time', logs[0]], repo_root)
    assert 'average iter time' in text
    analyze = _tool(repo_root, 'tools/analysis/analyze_logs.py')
    data = analyze.load_json_log(logs[0])
    assert len(data['train']['loss']) >= 1 and len(data['val']['mIoU']) >= 1
    with pytest.raises(KeyError, match='in none of the logs'):
        analyze.plot_curve([logs[0]], ['no_such_key'], out=out)


def test_publish_model(tiny_work_dir, repo_root, tmp_path):
    src = osp.join(tiny_work_dir, 'iter_4.pth')
    text = _run(['tools/model_converters/publish_model.py', src,
                 str(tmp_path / 'tiny_fcn.pth')], repo_root)
    final = glob.glob(str(tmp_path / 'tiny_fcn-*.pth'))
    assert len(final) == 1 and final[0] in text
    pub = _tool(repo_root, 'tools/model_converters/publish_model.py')
    assert osp.basename(final[0]) == f'tiny_fcn-{pub.sha256_of(final[0])[:8]}.pth'
    from mmengine.runner import CheckpointLoader
    ckpt = CheckpointLoader.load_checkpoint(final[0], map_location='cpu')
    assert set(ckpt) == {'state_dict', 'meta'}
    assert 'dataset_meta' in ckpt['meta']
    assert osp.getsize(final[0]) < osp.getsize(src)  # optimizer state dropped
    import mmcontrast.seg  # noqa: F401
    from mmseg.apis import init_model
    model = init_model(osp.join(repo_root, CFG), final[0], device='cpu')
    orig = CheckpointLoader.load_checkpoint(src, map_location='cpu')['state_dict']
    for k, v in model.state_dict().items():
        assert torch.equal(v, orig[k]), k


def test_confusion_matrix_segmentation(tiny_work_dir, repo_root, tmp_path):
    text = _run(['tools/analysis/confusion_matrix.py', CFG,
                 osp.join(tiny_work_dir, 'iter_4.pth'), str(tmp_path)], repo_root)
    assert 'accuracy' in text
    with open(tmp_path / 'confusion_matrix.json') as f:
        res = json.load(f)
    assert len(res['classes']) == 4 and sum(map(sum, res['matrix'])) > 0
    assert osp.getsize(tmp_path / 'confusion_matrix.png') > 0


@pytest.mark.slow
def test_confusion_matrix_classification(repo_root, tmp_path, mini_data_root):
    """CoNe: the tool runs the test loop on a checkpoint and counts images."""
    cfg = sorted(glob.glob(osp.join(repo_root, TINY['cone'])))[0]
    from mmengine.config import Config
    from mmengine.registry import MODELS, init_default_scope
    import mmcontrast.pretrain  # noqa: F401
    init_default_scope('mmpretrain')
    model = MODELS.build(Config.fromfile(cfg).model)
    ckpt = str(tmp_path / 'cone.pth')
    torch.save(dict(state_dict=model.state_dict(), meta={}), ckpt)
    _run(['tools/analysis/confusion_matrix.py', cfg, ckpt, str(tmp_path / 'cm'),
          '--cfg-options', 'test_dataloader.dataset.indices=40'], repo_root)
    with open(tmp_path / 'cm' / 'confusion_matrix.json') as f:
        res = json.load(f)
    assert len(res['classes']) == 10 and sum(map(sum, res['matrix'])) == 40


def test_confusion_matrix_counts():
    import numpy as np
    cm = _tool(osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__)))),
               'tools/analysis/confusion_matrix.py')
    seg = dict(pred_sem_seg=dict(data=torch.tensor([[[0, 1], [1, 1]]])),
               gt_sem_seg=dict(data=torch.tensor([[[0, 0], [1, 255]]])))
    cls = dict(pred_label=torch.tensor([1]), gt_label=torch.tensor([0]))
    m = cm.compute([seg, cls], 2)
    assert np.array_equal(m, [[1, 2], [0, 1]])


@pytest.mark.parametrize('method', sorted(TINY))
def test_browse_dataset(method, repo_root, mini_data_root, tmp_path):
    from mmengine.config import Config

    import mmcontrast  # noqa: F401
    browse = _tool(repo_root, 'tools/misc/browse_dataset.py')
    cfg = Config.fromfile(sorted(glob.glob(osp.join(repo_root, TINY[method])))[0])
    cwd = os.getcwd()
    os.chdir(repo_root)  # data_root of the tiny configs is relative to the clone
    try:
        paths = browse.browse(cfg, str(tmp_path), 'train', num=2)
    finally:
        os.chdir(cwd)
    assert len(paths) == 2
    import cv2
    img = cv2.imread(paths[0])
    assert img is not None and img.std() > 0
    if method == 'smmcl':  # RGB row and X row, image | ground-truth overlay
        assert img.shape[0] == 2 * 64 and img.shape[1] == 2 * 96
