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


# ---- metafile schema (COORDINATION.md "Metafile schema"), for every method's metafile ----
TINY_RESOURCES = '1x CPU (2 cores)'


def _mini_token(cfg_path):
    """``mini-<name>`` of a tiny config's file name (``..._mini-ade-64x64.py`` -> ``mini-ade``).

    ``<name>`` is the longest mini-dataset generator name (``face_age`` is written
    ``face-age``) that the token starts with, so ``_mini-face-age-lopo-16x16``
    gives ``mini-face-age`` and a token naming no generated set gives None.
    """
    import re
    from mmcontrast.mini_datasets import GENERATORS
    match = re.search(r'_(mini-[a-z0-9-]+)', osp.basename(cfg_path))
    if not match:
        return None
    known = sorted(('mini-' + name.replace('_', '-') for name in GENERATORS), key=len, reverse=True)
    token = match.group(1)
    for name in known:
        if token == name or token.startswith(name + '-'):
            return name
    return None


@pytest.mark.parametrize('meta', _metafiles())
def test_metafile_collections_follow_the_schema(meta):
    collections = load(osp.join(REPO, meta))['Collections']
    names = [c['Name'] for c in collections]
    paper = [c for c in collections if not c['Name'].endswith('-tiny')]
    assert len(paper) == 1, f'{meta}: one <Method> collection (paper models), got {names}'
    tiny = [c for c in collections if c['Name'].endswith('-tiny')]
    assert [c['Name'] for c in tiny] in ([], [paper[0]['Name'] + '-tiny']), (
        f'{meta}: the tiny collection must be named {paper[0]["Name"]}-tiny, got {names}')
    for col in collections:
        md = col.get('Metadata') or {}
        assert isinstance(md.get('Weights Source'), str) and md['Weights Source'].strip(), (
            f'{meta}: collection {col["Name"]} must say where weights come from '
            '(Metadata: Weights Source, or "not released")')
        assert {'Title', 'URL'} <= set(col.get('Paper') or {}), f'{meta}: {col["Name"]} Paper'
        assert osp.isfile(osp.join(REPO, col.get('README', ''))), f'{meta}: {col["Name"]} README'
    for col in tiny:
        assert col['Metadata'].get('Tiny') is True, f'{meta}: {col["Name"]} needs Tiny: true'
        assert col['Metadata'].get('Training Resources') == TINY_RESOURCES, col['Name']
    assert paper[0]['Metadata'].get('Tiny') is not True
    assert paper[0]['Metadata'].get('Training Resources') not in (None, TINY_RESOURCES), (
        f'{meta}: the paper collection states the paper\'s training resources')


@pytest.mark.parametrize('meta', _metafiles())
def test_metafile_models_keep_paper_and_tiny_apart(meta):
    data = load(osp.join(REPO, meta))
    collections = {c['Name'] for c in data['Collections']}
    for model in data['Models']:
        name, cfg = model['Name'], model['Config']
        assert name == osp.splitext(osp.basename(cfg))[0], f'{meta}: {name} != its config {cfg}'
        md = model.get('Metadata') or {}
        results = model.get('Results') or []
        mini = _mini_token(cfg)
        assert model['In Collection'] in collections, (meta, name)
        assert md.get('Results Source'), f'{meta}: {name} needs Metadata: Results Source'
        if mini:  # a tiny config: measured numbers only, in the -tiny collection
            assert model['In Collection'].endswith('-tiny'), (
                f'{meta}: tiny {name} in a paper collection')
            assert md.get('Tiny') is True, f'{meta}: {name} needs Tiny: true'
            assert md.get('Training Resources') == TINY_RESOURCES, (meta, name)
            assert md.get('Training Data') == mini, f'{meta}: {name} Training Data must be {mini}'
            for result in results:
                assert result['Dataset'] == mini, f'{meta}: {name} result on {result["Dataset"]}'
            if results:
                assert md['Results Source'].startswith('measured:'), (meta, name)
        else:  # a paper config: reference numbers only, in the paper collection
            assert not model['In Collection'].endswith('-tiny'), (
                f'{meta}: {name} in the tiny collection')
            assert md.get('Tiny') is not True, (meta, name)
            assert md.get('Training Resources') not in (None, TINY_RESOURCES), (meta, name)
            assert md.get('Training Data'), (meta, name)
            for result in results:
                assert not str(result['Dataset']).startswith('mini'), (meta, name)
            if results:
                assert md['Results Source'].startswith('paper'), (meta, name)


@pytest.mark.parametrize('meta', _metafiles())
def test_metafile_lists_every_config_of_its_method(meta):
    import glob
    folder = osp.dirname(osp.join(REPO, meta))
    # Configs in sub-folders count too (e.g. mmselfsup-style ``benchmarks/`` downstream
    # configs), except the method's own ``_base_`` pieces.
    on_disk = {
        osp.relpath(p, REPO)
        for p in glob.glob(osp.join(folder, '**', '*.py'), recursive=True)
        if '_base_' not in osp.relpath(p, folder).split(osp.sep)
    }
    listed = [m['Config'] for m in load(osp.join(REPO, meta))['Models']]
    assert len(listed) == len(set(listed)), f'{meta} lists a config twice'
    assert not on_disk - set(listed), f'{meta} does not list {sorted(on_disk - set(listed))}'
    missing = sorted(p for p in set(listed) - on_disk if not osp.isfile(osp.join(REPO, p)))
    assert not missing, f'{meta} lists missing configs {missing}'
