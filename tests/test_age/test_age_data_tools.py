# Copyright (c) mmcontrast contributors. All rights reserved.
"""Converters, P1/P2 splits, alignment maths, LOPO pooling, face transforms (age.md §4-§8)."""
import importlib.util
import json
import os.path as osp

import numpy as np
import pytest

from mmcontrast.pretrain.datasets.face_age_annotations import (load_annotations,
                                                               morph2_annotations,
                                                               parse_fgnet_name)

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def _tool(rel):
    spec = importlib.util.spec_from_file_location(osp.basename(rel)[:-3], osp.join(REPO, rel))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_fgnet_names():
    assert parse_fgnet_name('001A02.JPG') == dict(subject_id=1, age=2)
    assert parse_fgnet_name('082A43a.jpg') == dict(subject_id=82, age=43)
    with pytest.raises(ValueError, match='FG-NET'):
        parse_fgnet_name('Thumbs.db')


def test_morph_csv_and_protocol_splits(tmp_path):
    csv = tmp_path / 'morph.csv'
    rows = ['id_num,age,photo'] + [f'{s:05d},{20 + i},Album2/{s}_{i}.JPG'
                                  for s in range(10) for i in range(4)]
    csv.write_text('\n'.join(rows) + '\n')
    items = morph2_annotations(str(csv))
    assert len(items) == 40 and items[0] == dict(img_path='Album2/0_0.JPG', age=20.0,
                                                 subject_id='00000')
    split = _tool('tools/dataset_converters/morph2_to_json.py').split
    tr, te = split(items, 'P2', 0)
    assert not {i['subject_id'] for i in tr} & {i['subject_id'] for i in te}
    tr1, te1 = split(items, 'P1', 0)
    assert len(te1) == 8 and len(tr1) == 32
    bad = tmp_path / 'bad.csv'
    bad.write_text('name,years\nx,3\n')
    with pytest.raises(KeyError, match='subject_id'):
        morph2_annotations(str(bad))
    (tmp_path / 'a.json').write_text(json.dumps([{'img_path': 'x'}]))
    with pytest.raises(KeyError, match='lacks'):
        load_annotations(str(tmp_path / 'a.json'))


def test_alignment_maps_landmarks_to_template():
    align = _tool('tools/dataset_converters/align_faces.py')
    ref = align.reference_points(224, 0.4)
    img = np.zeros((300, 300, 3), np.uint8)
    # landmarks = template rotated/scaled/shifted: aligning must undo it
    th = 0.3
    rot = np.array([[np.cos(th), -np.sin(th)], [np.sin(th), np.cos(th)]])
    lm = (ref - 112) @ rot.T * 1.3 + 150
    for x, y in lm.astype(int):
        img[y - 2:y + 3, x - 2:x + 3] = 255
    out = align.align(img, lm, 224, 0.4)
    assert out.shape == (224, 224, 3)
    for x, y in ref.round().astype(int):
        assert out[y - 1:y + 2, x - 1:x + 2].max() > 100


def test_lopo_pooling_and_fold_config(tmp_path):
    lopo = _tool('tools/age_lopo.py')
    for k, (pred, gt) in enumerate([([1.], [5.]), ([0., 0., 0.], [0., 0., 0.])]):
        d = tmp_path / f'fold_{k:03d}'
        d.mkdir()
        (d / 'preds.json').write_text(json.dumps([dict(pred=p, gt=g) for p, g in zip(pred, gt)]))
    res = lopo.pool(str(tmp_path), [0, 1])
    assert np.isclose(res['pooled_mae'], 1.0) and np.isclose(res['per_fold_mae'], 2.0)
    assert res['cs@5'] == 100.0 and res['cs@3'] == 75.0
    cfg = dict(a=dict(type='AgeTripletDataset', dataset=dict(type='FaceAgeDataset')))
    assert lopo.set_fold(cfg, 4, 'train') == 1 and cfg['a']['dataset']['lopo_fold'] == 4


def test_face_transforms_on_lfw_shape_only():
    from skimage.data import lfw_subset
    from mmcv.transforms import Compose
    import mmcontrast.pretrain  # noqa: F401
    from mmengine.config import Config
    from mmengine.registry import init_default_scope
    init_default_scope('mmpretrain')
    cfg = Config.fromfile(osp.join(REPO, 'configs/age/agecl_resnet50_1xb64-60e_morph2.py'))
    from mmpretrain.registry import TRANSFORMS
    faces = lfw_subset()[:2]  # (25, 25) grey crops in [0, 1]
    for pipe in (cfg.train_pipeline, cfg.test_pipeline):
        t = Compose([TRANSFORMS.build(p) for p in pipe[1:]])
        for f in faces:
            img = np.repeat((f * 255).astype(np.uint8)[..., None], 3, 2)
            out = t(dict(img=img, img_shape=img.shape[:2], ori_shape=img.shape[:2],
                         gt_age=30.0, subject_id=1))
            assert tuple(out['inputs'].shape) == (3, 224, 224)
            assert out['data_samples'].gt_age == 30.0


@pytest.mark.slow  # MTCNN on CPU: ~15 s
def test_mtcnn_alignment_end_to_end(tmp_path):
    pytest.importorskip('facenet_pytorch')
    import subprocess
    import sys

    import cv2
    from skimage.data import astronaut
    src, dst = tmp_path / 'src', tmp_path / 'dst'
    src.mkdir()
    cv2.imwrite(str(src / '001A30.JPG'), astronaut()[..., ::-1])
    subprocess.run([sys.executable, osp.join(REPO, 'tools/dataset_converters/align_faces.py'),
                    str(src), str(dst)], check=True)
    assert (dst / 'failed.txt').read_text() == ''
    assert cv2.imread(str(dst / '001A30.JPG')).shape == (224, 224, 3)


def test_image_pack_matches_files(tmp_path):
    import cv2

    from mmcontrast.pretrain.datasets.face_age_annotations import write_annotations
    from mmcontrast.pretrain.datasets.transforms import LoadImageFromPack
    (tmp_path / 'aligned').mkdir()
    rng = np.random.default_rng(0)
    for n in ('001A02.png', '002A10.png'):
        cv2.imwrite(str(tmp_path / 'aligned' / n), rng.integers(0, 255, (8, 8, 3), np.uint8))
    write_annotations([dict(img_path='001A02.png', age=2, subject_id=1),
                       dict(img_path='002A10.png', age=10, subject_id=2)],
                      str(tmp_path / 'annotations' / 'all.json'))
    out = _tool('tools/dataset_converters/face_age_pack.py').make_pack(
        str(tmp_path), 'aligned', 'annotations/all.json', 8)
    t = LoadImageFromPack(out + '.npy', out + '.json', str(tmp_path / 'aligned'))
    res = t(dict(img_path=str(tmp_path / 'aligned' / '002A10.png')))
    assert np.array_equal(res['img'], cv2.imread(str(tmp_path / 'aligned' / '002A10.png')))
    with pytest.raises(KeyError, match='face_age_pack'):
        t(dict(img_path=str(tmp_path / 'aligned' / 'missing.png')))
