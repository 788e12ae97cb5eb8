# Copyright (c) mmcontrast contributors. All rights reserved.
"""``_base_ = 'mmcontrast::...'`` works for downstream configs once mmcontrast is imported."""
import os.path as osp
import textwrap

from mmengine.config import Config
from mmengine.registry import DATASETS, init_default_scope

import mmcontrast  # noqa: F401


def test_mmcontrast_base_resolves_from_package(tmp_path, repo_root):
    import mmcontrast as pkg
    mim_cfg = osp.join(osp.dirname(pkg.__file__), '.mim', 'configs', '_base_',
                       'datasets', 'mini-ade.py')
    assert osp.exists(mim_cfg), 'setup.py must place configs/ under mmcontrast/.mim'
    user_cfg = tmp_path / 'my_cfg.py'
    user_cfg.write_text(textwrap.dedent("""
        _base_ = ['mmseg::_base_/default_runtime.py',
                  'mmcontrast::_base_/datasets/mini-ade.py']
        train_dataloader = dict(batch_size=7)
    """))
    cfg = Config.fromfile(str(user_cfg))
    assert cfg.train_dataloader.batch_size == 7
    assert cfg.train_dataloader.dataset.type == 'ADE20KDataset'
    assert tuple(cfg.mini_ade_classes) == ('sky', 'building', 'tree', 'flower')


def test_mmcontrast_base_is_scope_neutral(tmp_path, mini_data_root, repo_root):
    """Components of an mmcontrast:: base resolve in the host scope of the chain."""
    user_cfg = tmp_path / 'my_cfg.py'
    user_cfg.write_text(textwrap.dedent(f"""
        _base_ = ['mmseg::_base_/default_runtime.py',
                  'mmcontrast::_base_/datasets/mini-ade.py']
        train_dataloader = dict(dataset=dict(data_root=r'{mini_data_root}/ade/ADEChallengeData2016'))
    """))
    cfg = Config.fromfile(str(user_cfg))
    assert '_scope_' not in cfg.train_dataloader.dataset
    init_default_scope(cfg.default_scope)
    dataset = DATASETS.build(cfg.train_dataloader.dataset)
    assert len(dataset) == 24
    assert dataset.metainfo['classes'] == ('sky', 'building', 'tree', 'flower')


def test_host_bases_keep_their_scope(repo_root):
    cfg = Config.fromfile(
        f'{repo_root}/tests/test_foundation/configs/tiny_fcn_syncbn_mini-ade.py')
    # keys that come from mmseg:: bases keep mmseg's stamp
    assert cfg.visualizer.get('_scope_') == 'mmseg'
