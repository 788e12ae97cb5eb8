# Copyright (c) mmcontrast contributors. All rights reserved.
"""Issue 12 (clear errors): malformed inputs fail at the file, with its name.

Each dataset/loader's malformed-file cases: empty annotation lists, corrupt
images and annotations, label ids >= num_classes, image/mask and RGB/X size
mismatches, CULane lines with an odd number of coordinates, TuSimple records,
FOCAL masks of the wrong size at evaluation, a malformed ``--cfg-options``
item, and the missing exported backbone of the CLLD tiny lane config.
"""
import glob
import os.path as osp
import runpy
import sys

import cv2
import numpy as np
import pytest
import torch

import mmcontrast.seg  # noqa: F401  (registers datasets/transforms)
from mmcontrast.seg.datasets import (CheckedLoadAnnotations, CULaneDataset, ForgeryDataset,
                                     LLRGBDDataset, TuSimpleDataset)
from mmcontrast.seg.datasets.transforms import (LoadAnnotationsU16, LoadForgeryMask,
                                                LoadLaneAnnotations, LoadRGBXImageFromFile)
from mmcontrast.seg.evaluation import ForgeryPixelMetric


def _img(path, h=8, w=10, c=3, value=7, dtype=np.uint8):
    arr = np.full((h, w, c) if c else (h, w), value, dtype)
    cv2.imwrite(str(path), arr)
    return str(path)


def _garbage(path):
    with open(path, 'wb') as f:
        f.write(b'\x89PNG not really an image')
    return str(path)


# ---- empty annotation lists -----------------------------------------------------------------
def test_empty_annotation_lists_name_the_list(tmp_path):
    (tmp_path / 'list').mkdir()
    (tmp_path / 'list' / 'train_gt.txt').write_text('\n')
    with pytest.raises(ValueError, match=r'no samples found.*train_gt\.txt'):
        CULaneDataset(data_root=str(tmp_path), ann_file='list/train_gt.txt', pipeline=[])
    (tmp_path / 'forgery.txt').write_text('')
    with pytest.raises(ValueError, match=r'ForgeryDataset: no samples.*forgery\.txt'):
        ForgeryDataset(data_root=str(tmp_path), ann_file='forgery.txt', pipeline=[])
    (tmp_path / 'label_data.json').write_text('')
    with pytest.raises(ValueError, match='TuSimpleDataset: no samples'):
        TuSimpleDataset(data_root=str(tmp_path), ann_file='label_data.json', pipeline=[])
    for d in ('rgb', 'depth', 'label'):
        (tmp_path / d).mkdir()
    with pytest.raises(ValueError, match=r'LLRGBDDataset: no samples.*rgb'):
        LLRGBDDataset(data_root=str(tmp_path), pipeline=[],
                      data_prefix=dict(img_path='rgb', x_path='depth', seg_map_path='label'))


def test_datasets_tag_samples_with_num_classes(mini_data_root):
    root = osp.join(mini_data_root, 'llrgbd', 'LLRGBD', 'train')
    prefix = dict(img_path='rgb', x_path='depth', seg_map_path='label')
    ds = LLRGBDDataset(data_root=root, data_prefix=prefix,
                       pipeline=[LoadRGBXImageFromFile(), CheckedLoadAnnotations()])
    assert ds.get_data_info(0)['num_classes'] == len(ds.metainfo['classes']) == 14
    assert ds[0]['gt_seg_map'].shape == ds[0]['img'].shape[:2]  # real files pass the checks


# ---- corrupt files ---------------------------------------------------------------------------
def test_corrupt_image_and_annotations_name_the_file(tmp_path):
    from mmcv.transforms import LoadImageFromFile
    bad = _garbage(tmp_path / 'bad.png')
    with pytest.raises(Exception, match='bad.png'):
        LoadImageFromFile()(dict(img_path=bad))
    with pytest.raises(ValueError, match='bad.png'):
        CheckedLoadAnnotations()(dict(seg_map_path=bad, seg_fields=[], reduce_zero_label=False))
    with pytest.raises(ValueError, match='bad.png'):
        LoadAnnotationsU16()(dict(seg_map_path=bad, seg_fields=[], reduce_zero_label=False))
    with pytest.raises(ValueError, match='bad.png'):
        LoadForgeryMask()(dict(seg_map_path=bad, img=np.zeros((8, 10, 3), np.uint8)))
    rgb = _img(tmp_path / 'rgb.png')
    with pytest.raises(IOError, match='bad.png'):
        LoadRGBXImageFromFile()(dict(img_path=rgb, x_path=bad))


# ---- labels out of range ---------------------------------------------------------------------
def test_label_ids_beyond_num_classes_raise(tmp_path):
    mask = _img(tmp_path / 'mask.png', c=0, value=20)
    results = dict(seg_map_path=mask, seg_fields=[], reduce_zero_label=False, num_classes=14,
                   ignore_index=255)
    with pytest.raises(ValueError, match=r'mask\.png has label id\(s\) \[20\] >= num_classes'):
        CheckedLoadAnnotations()(dict(results))
    # ignore_index is allowed, in-range ids are allowed
    ok = _img(tmp_path / 'ok.png', c=0, value=255)
    assert CheckedLoadAnnotations()(dict(results, seg_map_path=ok))['gt_seg_map'].max() == 255
    u16 = tmp_path / 'u16.png'
    cv2.imwrite(str(u16), np.full((8, 10), 900, np.uint16))
    with pytest.raises(ValueError, match=r'\[900\] >= num_classes \(847\)'):
        LoadAnnotationsU16()(dict(seg_map_path=str(u16), seg_fields=[], num_classes=847,
                                  ignore_index=65535))


# ---- size mismatches -------------------------------------------------------------------------
def test_image_mask_and_modality_size_mismatch_raise(tmp_path):
    img = np.zeros((8, 10, 3), np.uint8)
    mask = _img(tmp_path / 'mask.png', h=6, w=10, c=0, value=1)
    with pytest.raises(ValueError, match=r'annotation .*mask\.png is \(6, 10\).*im\.png'):
        CheckedLoadAnnotations()(dict(seg_map_path=mask, seg_fields=[], img=img,
                                      img_path='im.png', reduce_zero_label=False))
    with pytest.raises(ValueError, match=r'mask\.png is \(6, 10\)'):
        LoadForgeryMask()(dict(seg_map_path=mask, img=img, img_path='im.png'))
    rgb = _img(tmp_path / 'rgb.png', h=8, w=10)
    x = _img(tmp_path / 'x.png', h=8, w=12, c=0)
    with pytest.raises(ValueError, match=r'rgb\.png is \(8, 10\).*x\.png is \(8, 12\)'):
        LoadRGBXImageFromFile()(dict(img_path=rgb, x_path=x))


def test_mask_is_checked_against_the_loaded_image_not_the_resized_one(tmp_path):
    """Test pipelines resize the image before loading the annotation (mmseg's order, also
    inside TestTimeAug): the mask matches the image as loaded (ori_shape), not the resize."""
    mask = _img(tmp_path / 'mask.png', h=8, w=10, c=0, value=1)
    resized = np.zeros((4, 5, 3), np.uint8)
    out = CheckedLoadAnnotations()(dict(seg_map_path=mask, seg_fields=[], img=resized,
                                        ori_shape=(8, 10), img_path='im.png',
                                        reduce_zero_label=False))
    assert out['gt_seg_map'].shape == (8, 10)
    with pytest.raises(ValueError, match=r'mask\.png is \(8, 10\).*is \(6, 10\)'):
        CheckedLoadAnnotations()(dict(seg_map_path=mask, seg_fields=[], img=resized,
                                      ori_shape=(6, 10), img_path='im.png',
                                      reduce_zero_label=False))


def test_forgery_metric_rejects_a_mask_of_another_size():
    metric = ForgeryPixelMetric(eval_resolution='original')
    ds = dict(pred_sem_seg=dict(data=torch.zeros(1, 8, 8, dtype=torch.long)),
              gt_sem_seg=dict(data=torch.zeros(1, 16, 16, dtype=torch.long)),
              img_path='a.jpg', seg_map_path='a_mask.png')
    with pytest.raises(ValueError, match=r'a\.jpg.*a_mask\.png'):
        metric.process({}, [ds])


# ---- lane annotation files ------------------------------------------------------------------
def test_culane_odd_coordinates_name_file_and_line(tmp_path):
    lines = tmp_path / 'f.lines.txt'
    lines.write_text('10 50 12 40 \n20 50 22 40 24\n30 50 32 40\n')
    with pytest.raises(ValueError, match=r'f\.lines\.txt, line 2: .*5 values \(odd\)'):
        LoadLaneAnnotations()(dict(ori_shape=(60, 40), lanes_path=str(lines)))
    lines.write_text('10 50 12 40\n20 x 22 40\n')
    with pytest.raises(ValueError, match=r'line 2: lane coordinates must be numbers'):
        LoadLaneAnnotations()(dict(ori_shape=(60, 40), lanes_path=str(lines)))
    # a one-point lane keeps its slot: the next lane is not shifted
    lines.write_text('5 50\n30 50 32 40\n')
    out = LoadLaneAnnotations(width=1)(dict(ori_shape=(60, 40), lanes_path=str(lines),
                                            lane_slots=[1, 3]))
    assert len(out['gt_lanes']) == 2 and set(np.unique(out['gt_seg_map'])) == {0, 3}


def test_tusimple_bad_record_names_file_and_line(tmp_path):
    good = '{"raw_file": "a.jpg", "h_samples": [10, 20], "lanes": [[1, 2]]}'
    bad = '{"raw_file": "b.jpg", "h_samples": [10, 20], "lanes": [[1, 2, 3]]}'
    (tmp_path / 'label.json').write_text(good + '\n' + bad + '\n')
    with pytest.raises(ValueError, match=r'label\.json, line 2: .*3 x values for 2 h_samples'):
        TuSimpleDataset(data_root=str(tmp_path), ann_file='label.json', pipeline=[])
    (tmp_path / 'label.json').write_text(good + '\n{"raw_file": \n')
    with pytest.raises(ValueError, match=r'label\.json, line 2'):
        TuSimpleDataset(data_root=str(tmp_path), ann_file='label.json', pipeline=[])


# ---- command line and configs ----------------------------------------------------------------
def test_malformed_cfg_options_item(repo_root, monkeypatch, capsys):
    cfg = sorted(glob.glob(osp.join(repo_root, 'configs/cone/cone_*digits*.py')))[0]
    monkeypatch.chdir(repo_root)
    for item in ('train_cfg.max_epochs', '=3', 'a..b=1'):
        monkeypatch.setattr(sys, 'argv', ['tools/train.py', cfg, '--cfg-options', item])
        with pytest.raises(SystemExit) as e:
            runpy.run_path('tools/train.py', run_name='__main__')
        assert e.value.code == 2
        err = capsys.readouterr().err
        assert f'malformed item {item!r}' in err and 'KEY=VALUE' in err, err


def test_clld_lane_config_explains_how_to_make_the_backbone(repo_root, tmp_path, monkeypatch):
    from mmengine.config import Config
    from mmengine.runner import load_checkpoint
    found = sorted(glob.glob(osp.join(repo_root, 'configs/clld/fpn_r18-clld-pre*culane*.py')))
    assert found
    ckpt = Config.fromfile(found[0]).model.backbone.init_cfg.checkpoint
    monkeypatch.chdir(tmp_path)  # a fresh checkout: the export does not exist
    with pytest.raises(FileNotFoundError) as e:
        load_checkpoint(torch.nn.Linear(1, 1), ckpt)
    msg = str(e.value)
    assert 'tools/train.py' in msg and 'clld2torchvision.py' in msg and ckpt in msg, msg


def test_classification_list_errors_name_file_and_line(tmp_path):
    import mmcontrast.pretrain  # noqa: F401  (CustomDataset with checks)
    from mmpretrain.registry import DATASETS
    (tmp_path / 'train').mkdir()
    _img(tmp_path / 'train' / 'a.png')
    cfg = dict(type='CustomDataset', data_root=str(tmp_path), data_prefix='train',
               ann_file='list.txt', metainfo=dict(classes=('x', 'y')), pipeline=[])
    for text, pattern in [('a.png 0\na.png 2\n', r'list\.txt, line 2: label 2 is outside'),
                          ('a.png 0\na.png\n', r'list\.txt, line 2: expected'),
                          ('a.png one\n', r'list\.txt, line 1: expected'),
                          ('a.png 0\n\na.png 1\n', r'list\.txt, line 2: empty line'),
                          ('', 'no samples found')]:
        (tmp_path / 'list.txt').write_text(text)
        with pytest.raises(ValueError, match=pattern):
            DATASETS.build(cfg)
    (tmp_path / 'list.txt').write_text('a.png 1\n')
    assert len(DATASETS.build(cfg)) == 1
