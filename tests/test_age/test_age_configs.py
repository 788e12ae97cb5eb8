# Copyright (c) mmcontrast contributors. All rights reserved.
"""Every configs/age config builds its model and datasets (mini ones load a sample)."""
import copy
import glob
import os.path as osp

import pytest
from mmengine.config import Config
from mmengine.registry import DATASETS, MODELS, DefaultScope, init_default_scope

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
CONFIGS = sorted(osp.relpath(p, REPO) for p in glob.glob(osp.join(REPO, 'configs/age/*.py')))


def _set_lazy(ds):
    if 'dataset' in ds:
        ds['lazy_init'] = True
        _set_lazy(ds['dataset'])
    else:
        ds['lazy_init'] = True


@pytest.fixture(scope='module')
def face_age(tmp_path_factory):
    from mmcontrast.mini_datasets import make_mini_datasets
    return make_mini_datasets(osp.join(REPO, 'data', 'mini'), ['face_age'])


@pytest.mark.slow  # tests/test_configs/test_all_configs.py covers them in the default suite
@pytest.mark.parametrize('cfg_path', CONFIGS)
def test_age_config_builds(cfg_path, face_age, monkeypatch):
    monkeypatch.chdir(REPO)
    import mmcontrast.pretrain  # noqa: F401
    cfg = Config.fromfile(cfg_path)
    DefaultScope._instance_dict.clear()
    init_default_scope(cfg.get('default_scope', 'mmengine'))
    MODELS.build(copy.deepcopy(cfg.model))
    for split in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        loader = cfg.get(split)
        if not loader:
            continue
        ds_cfg = copy.deepcopy(loader.dataset)
        mini = 'data/mini' in str(ds_cfg)
        if not mini:
            _set_lazy(ds_cfg)
        ds = DATASETS.build(ds_cfg)
        if mini:
            assert len(ds) > 0 and ds[0] is not None
