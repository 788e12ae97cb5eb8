# Copyright (c) mmcontrast contributors. All rights reserved.
"""A trained Combiner beats the sum baseline (fast); the tiny configs train end to end (slow)."""
import os
import os.path as osp
import subprocess
import sys

import pytest
import torch

from mmcontrast.contrastive.losses import info_nce_loss
from mmcontrast.pretrain.models.retrievers import Combiner, SumCombiner
from mmcontrast.pretrain.models.retrievers.cir_ranking import rank_queries

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def _synthetic(n_base, g):
    """Image feature = base + variant; caption feature = an unrelated code of the edit."""
    d = 32
    base = torch.randn(n_base, d, generator=g) * 2
    var = torch.randn(6, d, generator=g)
    txt = torch.randn(6, d, generator=g) * 3
    img = (base[:, None] + var[None]).reshape(-1, d)  # (n_base*6, d)
    pairs = [(b, a, t) for b in range(n_base) for a in range(6) for t in range(6) if a != t]
    b, a, t = map(torch.tensor, zip(*pairs))
    return img, img[b * 6 + a], txt[t], b * 6 + t, b * 6 + a


def test_trained_combiner_beats_sum_baseline():
    g = torch.Generator().manual_seed(0)
    img, ref, txt, tgt, ref_idx = _synthetic(12, g)
    torch.manual_seed(0)
    comb = Combiner(clip_dim=32, projection_dim=64, hidden_dim=64, dropout=0.1)
    opt = torch.optim.Adam(comb.parameters(), lr=2e-3)

    def r1(model):
        with torch.no_grad():
            q = model(ref, txt)
            ranks = rank_queries(q, torch.nn.functional.normalize(img, dim=1), tgt, ref_idx)
        return (ranks['target_rank'] < 1).float().mean().item()

    base = r1(SumCombiner(32))
    comb.eval()
    untrained = r1(comb)
    comb.train()
    gen = torch.Generator().manual_seed(1)
    for _ in range(150):
        idx = torch.randperm(len(tgt), generator=gen)[:64]
        loss = info_nce_loss(comb(ref[idx], txt[idx]),
                             torch.nn.functional.normalize(img[tgt[idx]], dim=1),
                             temperature=0.01, key_ids=tgt[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
    comb.eval()
    trained = r1(comb)
    assert trained > base + 0.2 and trained > untrained + 0.2, (base, untrained, trained)


def _train(cfg, work_dir, *extra):
    env = dict(os.environ, PYTHONPATH=REPO, OMP_NUM_THREADS='1')
    cmd = [sys.executable, osp.join(REPO, 'tools', 'train.py'), cfg, '--work-dir', work_dir,
           *extra]
    out = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    return out.stdout + out.stderr


@pytest.mark.slow
def test_tiny_stage1_then_stage2_end_to_end(tmp_path):
    from mmcontrast.mini_datasets import make_mini_datasets
    root = make_mini_datasets(str(tmp_path / 'mini'), ['cir'])['cir']
    data_root = osp.join(root, 'cirr_dataset')
    opts = ['--cfg-options', f'train_dataloader.dataset.data_root={data_root}',
            f'val_dataloader.dataset.data_root={data_root}',
            f'test_dataloader.dataset.data_root={data_root}',
            f'model.prototype.dataset.data_root={data_root}']
    s1 = str(tmp_path / 's1')
    log1 = _train('configs/clip4cir/clip4cir-sum_tiny_1xb16-10e_mini-cir-cirr-32x32.py', s1,
                  *opts)
    ckpt = osp.join(s1, 'best_cirr_avg_epoch_10.pth')
    assert osp.exists(ckpt) and 'cirr/R@5' in log1
    s2 = str(tmp_path / 's2')
    log2 = _train('configs/clip4cir/clip4cir-combiner_tiny_1xb64-30e_mini-cir-cirr-32x32.py',
                  s2, *opts, f'load_from={ckpt}')
    assert 'CIRFeatureCacheHook: cached' in log2
    from mmengine.runner import CheckpointLoader
    a = CheckpointLoader.load_checkpoint(ckpt, map_location='cpu')['state_dict']
    b = CheckpointLoader.load_checkpoint(osp.join(s2, 'epoch_30.pth'),
                                         map_location='cpu')['state_dict']
    clip_keys = [k for k in a if k.startswith('clip.')]
    assert clip_keys and all(torch.equal(a[k], b[k]) for k in clip_keys)
    assert any(k.startswith('combiner.') for k in b)
    import re
    r5 = float(re.findall(r'cirr/R@5: ([\d.]+)', log2)[-1])
    rs1 = float(re.findall(r'cirr/Rsubset@1: ([\d.]+)', log2)[-1])
    assert r5 > 100 * 5 / 71 and rs1 > 20.  # chance: 5 of 71 images, 1 of 5 members
