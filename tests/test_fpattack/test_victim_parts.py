# Copyright (c) mmcontrast contributors. All rights reserved.
"""SigNet layer shapes / ReLU placement and the seeded pair converter."""
import filecmp

import pytest
import torch

import mmcontrast.pretrain  # noqa: F401
from mmcontrast.pretrain.fpattack import SigNet
from mmcontrast.pretrain.fpattack.signature_pairs import make_pair_csvs, read_pair_csv, \
    signature_path


@pytest.mark.parametrize('arch', ['port', 'paper'])
def test_signet_tap_shapes_follow_the_spec_table(arch):
    net = SigNet(arch=arch, width_mult=0.125).eval()
    emb, taps = net.forward_taps(torch.rand(2, 1, 155, 220), ('conv1', 'conv2', 'conv3', 'conv4'))
    assert emb.shape == (2, 128)
    assert taps['conv1'].shape == (2, 12, 145, 210) and taps['conv2'].shape == (2, 32, 72, 105)
    assert taps['conv3'].shape == (2, 48, 36, 52) and taps['conv4'].shape == (2, 32, 36, 52)
    assert net.fc1.in_features == 32 * 18 * 26  # 256*18*26 = 119,808 at full width
    n_relu = sum(isinstance(m, torch.nn.ReLU) for m in net.modules())
    assert n_relu == (1 if arch == 'port' else 5)
    with pytest.raises(ValueError, match='in_size'):
        net(torch.rand(1, 1, 100, 100))


def test_pair_converter_is_seeded_and_uses_language_prefixes(tmp_path):
    assert signature_path('bhsig260-hindi', 7, 3, False) == 'Hindi/007/H-S-7-F-03.tif'
    assert signature_path('bhsig260-bengali', 7, 3, True) == 'Bengali/007/B-S-7-G-03.tif'
    assert signature_path('cedar', 5, 2, False) == 'full_forg/forgeries_5_2.png'
    a = make_pair_csvs('bhsig260-hindi', '', str(tmp_path / 'a'), seed=1, check_files=False)
    b = make_pair_csvs('bhsig260-hindi', '', str(tmp_path / 'b'), seed=1, check_files=False)
    c = make_pair_csvs('bhsig260-hindi', '', str(tmp_path / 'c'), seed=2, check_files=False)
    assert all(filecmp.cmp(a[s], b[s], shallow=False) for s in a)
    assert not filecmp.cmp(a['test'], c['test'], shallow=False)
    rows = read_pair_csv(a['test'])
    assert len(rows) == 60 * 276 * 2 and sum(r[2] for r in rows) == 60 * 276
    with pytest.raises(FileNotFoundError, match='cedar layout'):
        make_pair_csvs('cedar', str(tmp_path), str(tmp_path / 'd'))
