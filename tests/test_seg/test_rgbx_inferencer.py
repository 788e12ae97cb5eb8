# Copyright (c) mmcontrast contributors. All rights reserved.
"""RGBXInferencer: mmseg's inferencer on RGB-X models (pairs, dicts and 6-channel arrays)."""
import glob
import os.path as osp

import numpy as np
import pytest
import torch

import mmcontrast.seg  # noqa: F401
from mmcontrast.seg.apis import RGBXInferencer, RGBXInferencerLoader

CFG = 'configs/smmcl/smmcl_dual-mscan-tiny-lightham_1xb2-20iter_mini-llrgbd-64x96.py'


@pytest.fixture(scope='module')
def pair(mini_data_root):
    test = osp.join(mini_data_root, 'llrgbd', 'LLRGBD', 'test')
    rgb = sorted(glob.glob(osp.join(test, 'rgb', '*.png')))[0]
    return rgb, osp.join(test, 'depth', osp.basename(rgb))


@pytest.fixture(scope='module')
def inferencer(repo_root, mini_data_root):
    torch.manual_seed(0)
    from mmengine.config import Config
    cfg = Config.fromfile(osp.join(repo_root, CFG))
    cfg.model.backbone.init_cfg = None
    return RGBXInferencer(model=cfg, weights=None, device='cpu')


def test_pair_dict_and_array_inputs_agree(inferencer, pair, tmp_path):
    import mmcv
    rgb, x = pair
    torch.manual_seed(0)  # LightHam draws random bases at every forward
    out_pair = inferencer(pair, out_dir=str(tmp_path / 'a'))
    torch.manual_seed(0)
    out_dict = inferencer(dict(img_path=rgb, x_path=x))
    arr = np.concatenate(
        [mmcv.imread(rgb, channel_order='rgb'),
         np.repeat(mmcv.imread(x, flag='grayscale')[..., None], 3, axis=2)], axis=2)
    torch.manual_seed(0)
    out_arr = inferencer(arr)
    h, w = arr.shape[:2]
    assert out_pair['predictions'].shape == (h, w)
    np.testing.assert_array_equal(out_pair['predictions'], out_dict['predictions'])
    np.testing.assert_array_equal(out_pair['predictions'], out_arr['predictions'])
    # the colour image with the prediction overlay was written by mmseg's visualiser
    assert glob.glob(str(tmp_path / 'a' / 'vis' / '*'))


def test_loader_rejects_bad_inputs():
    loader = RGBXInferencerLoader()
    with pytest.raises(ValueError, match=r'\(H, W, 6\)'):
        loader(np.zeros((4, 4, 3), np.uint8))
    with pytest.raises(ValueError, match='rgb_path, x_path'):
        loader(('a.png', ))


def test_rgb_only_config_is_refused(repo_root):
    from mmengine.config import Config
    cfg = Config.fromfile(osp.join(repo_root, 'configs/icpc/icpc_clip-tiny-fpn_1xb4-300iter_mini-ade-64x64.py'))
    with pytest.raises(ValueError, match='LoadRGBXImageFromFile'):
        RGBXInferencer(model=cfg, weights=None, device='cpu')
