# Copyright (c) mmcontrast contributors. All rights reserved.
import importlib.util
import os.path as osp

import torch
import torchvision

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def _tool():
    spec = importlib.util.spec_from_file_location(
        'clld2torchvision', osp.join(REPO, 'tools/model_converters/clld2torchvision.py'))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_official_style_dict_loads_into_torchvision_r50():
    tv = torchvision.models.resnet50()
    official = {f'model.{k}': v for k, v in tv.state_dict().items()}
    official['model.projection.0.weight'] = torch.zeros(2048, 2048, 1, 1)
    official['model.projection.3.bias'] = torch.zeros(256)
    out = _tool().convert({'state_dict': official})
    missing, unexpected = torchvision.models.resnet50().load_state_dict(out, strict=False)
    assert sorted(missing) == ['fc.bias', 'fc.weight'] and unexpected == []


def test_mmcontrast_dict_strips_backbone_prefix():
    sd = {'backbone.conv1.weight': torch.zeros(1), 'neck.conv1.weight': torch.zeros(1),
          'target_net.module.0.conv1.weight': torch.zeros(1)}
    assert list(_tool().convert({'state_dict': sd})) == ['conv1.weight']
