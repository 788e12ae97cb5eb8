# Copyright (c) mmcontrast contributors. All rights reserved.
"""tools/dataset_converters/focal_lists.py writes lists that ForgeryDataset loads."""
import os
import os.path as osp
import shutil
import subprocess
import sys


def test_focal_lists_roundtrip(tmp_path, repo_root, mini_data_root):
    root = tmp_path / 'forgery'
    shutil.copytree(osp.join(mini_data_root, 'forgery', 'train'), root / 'set')
    (root / 'authentic').mkdir()
    shutil.copy(root / 'set' / 'images' / sorted(os.listdir(root / 'set' / 'images'))[0],
                root / 'authentic' / 'au_0.jpg')
    n_img = len(os.listdir(root / 'set' / 'images'))
    env = dict(os.environ, PYTHONPATH=repo_root)
    proc = subprocess.run(
        [sys.executable, 'tools/dataset_converters/focal_lists.py', '--data-root', str(root),
         'set/images,set/masks*2', 'authentic', '--out', 'lists/train.txt', '--val-num', '2',
         '--val-out', 'val.txt'], cwd=repo_root, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    train = (root / 'lists' / 'train.txt').read_text().split('\n')[:-1]
    val = (root / 'val.txt').read_text().split('\n')[:-1]
    assert len(val) == 2 and not set(val) & set(train)
    assert len(train) + len(val) in (2 * n_img + 1, 2 * n_img, 2 * n_img - 1)
    import mmcontrast.seg  # noqa: F401
    from mmseg.registry import DATASETS
    ds = DATASETS.build(dict(type='ForgeryDataset', data_root=str(root),
                             ann_file='lists/train.txt', pipeline=[]))
    items = [ds.get_data_info(i) for i in range(len(ds))]
    assert len(items) == len(train)
    with_mask = [it for it in items if it['seg_map_path']]
    assert with_mask and all(osp.isfile(it['seg_map_path']) for it in with_mask)
    assert any(it['seg_map_path'] is None and it['img_path'].endswith('au_0.jpg')
               for it in items) or any('au_0' in v for v in val)
