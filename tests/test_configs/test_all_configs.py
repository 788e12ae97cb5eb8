# Copyright (c) mmcontrast contributors. All rights reserved.
"""Every config under configs/ loads, builds its model and builds its datasets.

Real-dataset configs build their datasets with ``lazy_init=True`` (the data is
not on this machine; the pipeline is still built, so every transform must be
registered). Configs on the mini datasets (``data_root`` under ``data/mini``)
load their data and run the pipeline on the first sample.
"""
import copy
import glob
import inspect
import json
import os.path as osp

import pytest
import torch
from mmengine.config import Config
from mmengine.registry import DATASETS, MODELS, DefaultScope, init_default_scope

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
CONFIGS = sorted(
    osp.relpath(p, REPO) for p in glob.glob(osp.join(REPO, 'configs', '**', '*.py'), recursive=True)
    if '_base_' not in osp.relpath(p, REPO).split(osp.sep))

_BUILT_MODELS = set()  # (scope, resolved model dict) already built in this session


def _dataset_cfgs(cfg):
    for split in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        loader = cfg.get(split, None)
        if loader and loader.get('dataset', None) is not None:
            yield split, copy.deepcopy(loader.dataset)


def _set_lazy(ds_cfg):
    """Set ``lazy_init=True`` on a dataset config and on wrapped datasets.

    A wrapper gets it too when it takes the argument (mmengine's wrappers and
    ours do), so that it does not fully initialise its lazy inner dataset.
    """
    if isinstance(ds_cfg, dict):
        if 'dataset' in ds_cfg or 'datasets' in ds_cfg:
            inner = ds_cfg.get('dataset', None)
            for d in ([inner] if inner is not None else ds_cfg['datasets']):
                _set_lazy(d)
            wrapper = ds_cfg.get('type')
            if isinstance(wrapper, str):
                with DATASETS.switch_scope_and_registry(None) as registry:
                    wrapper = registry.get(wrapper)
            if wrapper is not None and 'lazy_init' in inspect.signature(wrapper).parameters:
                ds_cfg['lazy_init'] = True
        else:
            ds_cfg['lazy_init'] = True


def _data_roots(ds_cfg):
    if isinstance(ds_cfg, dict):
        if 'data_root' in ds_cfg:
            yield str(ds_cfg['data_root'])
        for key in ('dataset', 'datasets'):
            sub = ds_cfg.get(key)
            for d in (sub if isinstance(sub, (list, tuple)) else [sub]):
                yield from _data_roots(d)


def test_configs_exist():
    assert CONFIGS, 'no config found under configs/'


@pytest.mark.parametrize('cfg_path', CONFIGS)
def test_config_builds_model_and_datasets(cfg_path, mini_data_root, monkeypatch):
    monkeypatch.chdir(REPO)  # tiny configs use data_root relative to the repository
    import mmcontrast  # noqa: F401  (mmcontrast:: bases)
    cfg = Config.fromfile(cfg_path)
    DefaultScope._instance_dict.clear()
    init_default_scope(cfg.get('default_scope', 'mmengine'))

    model_cfg = cfg.get('model', None)
    if model_cfg is not None:
        # Many configs share one model (an attack per dataset, a test set per checkpoint):
        # build each distinct resolved model once per session; the rest is still built below.
        key = (cfg.get('default_scope'), json.dumps(model_cfg.to_dict(), sort_keys=True,
                                                     default=repr))
        if key not in _BUILT_MODELS:
            model = MODELS.build(copy.deepcopy(model_cfg))
            assert isinstance(model, torch.nn.Module)
            del model
            _BUILT_MODELS.add(key)

    for split, ds_cfg in _dataset_cfgs(cfg):
        roots = list(_data_roots(ds_cfg))
        mini = roots and all(r.replace('\\', '/').startswith('data/mini') for r in roots)
        if not mini:
            _set_lazy(ds_cfg)
        dataset = DATASETS.build(ds_cfg)
        if mini:
            assert len(dataset) > 0, f'{split} of {cfg_path} is empty'
            sample = dataset[0]
            assert sample is not None
