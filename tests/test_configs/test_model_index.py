# Copyright (c) mmcontrast contributors. All rights reserved.
"""model-index.yml and the metafiles are consistent, so mim and mmcontrast:: can use them.

mmengine resolves ``mmcontrast::<method>/<file>.py`` through ``.mim/model-index.yml``:
it loads every listed metafile (a missing one breaks every ``mmcontrast::`` base) and
maps each model's ``Config`` to a file.
"""
import os.path as osp
import textwrap

import pytest
from mmengine.config import Config
from mmengine.fileio import load

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def _metafiles():
    index = load(osp.join(REPO, 'model-index.yml'))
    return index['Import']


def _models():
    for meta in _metafiles():
        for model in load(osp.join(REPO, meta)).get('Models', []):
            yield meta, model


def test_every_listed_metafile_exists():
    for meta in _metafiles():
        assert osp.isfile(osp.join(REPO, meta)), f'model-index.yml lists missing {meta}'


def test_every_method_folder_is_listed():
    import glob
    listed = set(_metafiles())
    for meta in glob.glob(osp.join(REPO, 'configs', '*', 'metafile.yml')):
        assert osp.relpath(meta, REPO) in listed, f'{meta} is not in model-index.yml'


def test_models_name_existing_configs_and_collections():
    models = list(_models())
    assert models
    for meta, model in models:
        assert 'Name' in model and 'Config' in model, (meta, model)
        assert osp.isfile(osp.join(REPO, model['Config'])), (meta, model['Config'])
        collections = {c['Name'] for c in load(osp.join(REPO, meta)).get('Collections', [])}
        assert model.get('In Collection') in collections, (meta, model['Name'])
        for result in model.get('Results') or []:  # null where no number exists
            assert {'Task', 'Dataset', 'Metrics'} <= set(result), (meta, model['Name'])
            assert all(isinstance(v, (int, float)) for v in result['Metrics'].values())
    for meta in _metafiles():
        with_results = [m for m in load(osp.join(REPO, meta))['Models'] if m.get('Results')]
        assert with_results, f'{meta}: no model carries a reference or measured result'


@pytest.mark.parametrize('meta', _metafiles())
def test_mmcontrast_base_of_a_listed_config(tmp_path, meta):
    import mmcontrast  # noqa: F401
    models = load(osp.join(REPO, meta)).get('Models', [])
    cfg_rel = models[0]['Config'].partition('/')[-1]  # configs/<method>/x.py -> <method>/x.py
    user = tmp_path / 'user_cfg.py'
    user.write_text(textwrap.dedent(f"""
        _base_ = 'mmcontrast::{cfg_rel}'
        my_marker = 1
    """))
    cfg = Config.fromfile(str(user))
    base = Config.fromfile(osp.join(REPO, models[0]['Config']))
    assert cfg.my_marker == 1
    assert cfg.model.type == base.model.type
    assert cfg.get('default_scope') == base.get('default_scope')
