# Copyright (c) mmcontrast contributors. All rights reserved.
"""ASR, eligibility, verification metric and victim loss (fpattack.md §8.5-8.6)."""
import numpy as np
import pytest
import torch
from sklearn.metrics import roc_auc_score, roc_curve

from mmcontrast.contrastive.losses.contrastive_pair import contrastive_pair_loss
from mmcontrast.pretrain.fpattack import attack_scores, verification_scores


def _res(adv, orig, d, tau=1.0, eligible=True):
    adv, orig = torch.tensor(adv).reshape(1, 1, -1), torch.tensor(orig).reshape(1, 1, -1)
    q = torch.round(adv.clamp(0, 1) * 255) / 255
    return dict(adv=adv, orig=orig, d=d, threshold=tau, success=d < tau,
                success_quantized=(d if torch.equal(q, adv) else d + 1) < tau, eligible=eligible)


def test_asr_on_hand_built_results():
    res = [_res([0.2, 0.4], [0.0, 0.4], 0.5), _res([0.0, 1.0], [0.2, 1.0], 1.5),
           _res([1.0, 0.0], [1.0, 0.0], 0.9), _res([0.5, 0.5], [0.5, 0.5], 0.1, eligible=False)]
    s = attack_scores(res)
    assert s['num_eligible'] == 3 and s['asr'] == pytest.approx(200 / 3)
    assert s['diff'] == pytest.approx((0.2 - 0.2 + 0) / 3, abs=1e-6)  # signed: cancels
    assert s['mean_abs'] == pytest.approx((0.1 + 0.1 + 0) / 3, abs=1e-6)
    assert s['linf'] == pytest.approx(0.4 / 3, abs=1e-6)
    assert s['d_over_tau'] == pytest.approx((0.5 + 1.5 + 0.9) / 3)
    from mmcontrast.pretrain.fpattack import AttackSuccessRate
    metric = AttackSuccessRate()
    metric.process(None, res)
    assert metric.compute_metrics(metric.results) == pytest.approx(s)
    # images on the 8-bit grid in [0, 1]: quantised ASR equals ASR
    grid = [_res([k / 255, 1.0], [0., 1.], d) for k, d in ((3, .2), (7, 1.2), (9, .4))]
    t = attack_scores(grid)
    assert t['asr_quantized'] == t['asr']


def test_loop_excludes_already_accepted_pairs(tmp_path):
    from mmengine.evaluator import Evaluator

    from mmcontrast.pretrain.fpattack import AttackSuccessRate, FPAttackLoop
    from .conftest import make_pairs, make_victim
    model = make_victim(torch.float32)
    g, f = make_pairs(4, torch.float32)
    d0 = model.pair_distance(g, f)
    tau = float(d0.sort().values[1]) + 1e-7  # two pairs accepted at the start

    class _Runner:
        def __init__(self):
            self.model = model
            self.hooks = []

        def call_hook(self, *a, **k):
            pass

        def build_evaluator(self, e):
            return Evaluator(e)

        def build_dataloader(self, d, **k):
            return d

        visualizer = type('V', (), {})()

    data = dict(inputs=torch.stack([g, f], 1),
                data_samples=dict(label=torch.zeros(4, dtype=torch.long), index=torch.arange(4),
                                  path1=['a'] * 4, path2=['b'] * 4,
                                  correctly_pred=torch.full((4, ), -1)))
    loader = torch.utils.data.DataLoader([0])
    loop = FPAttackLoop(_Runner(), loader, Evaluator([AttackSuccessRate()]),
                        attack=dict(type='FGSM', threshold=tau))
    loop.run_iter(0, data)
    res = loop.evaluator.metrics[0].results
    el = {r['index']: r['eligible'] for r in res}
    assert el == {i: bool(d0[i] >= tau) for i in range(4)} and sum(el.values()) == 2


def test_verification_metric_vs_sklearn():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 200)
    d = np.round(rng.normal(1.0 - 0.6 * y, 0.4), 2)  # ties included
    s = verification_scores(d, y)
    assert s['auc'] / 100 == pytest.approx(roc_auc_score(y, -d), abs=1e-12)
    fpr, tpr, _ = roc_curve(y, -d)
    k = np.argmin(np.abs((1 - tpr) - fpr))
    assert s['eer'] / 100 == pytest.approx(((1 - tpr[k]) + fpr[k]) / 2, abs=1e-12)
    tau = s['best_threshold']
    bal = 0.5 * (((d < tau) & (y == 1)).sum() / (y == 1).sum() +
                 ((d >= tau) & (y == 0)).sum() / (y == 0).sum())
    assert s['best_balanced_accuracy'] / 100 == pytest.approx(bal)
    fixed = verification_scores(d, y, threshold=0.7)
    assert fixed['accuracy'] / 100 == pytest.approx(((d < 0.7) == (y == 1)).mean())


@pytest.mark.parametrize('conv', ['is_same', 'port_loss'])
def test_contrastive_loss_vs_loop(conv):
    e1, e2 = torch.randn(6, 4, dtype=torch.float64), torch.randn(6, 4, dtype=torch.float64)
    lab = torch.tensor([1, 0, 1, 0, 0, 1])
    ref = 0.
    for i in range(6):
        s = int(lab[i]) if conv == 'is_same' else 1 - int(lab[i])
        d = float(((e1[i] - e2[i] + 1e-6) ** 2).sum().sqrt())
        ref += s * d ** 2 + (1 - s) * max(0., 1 - d) ** 2
    out = contrastive_pair_loss(e1, e2, lab, label_convention=conv)
    assert float(out) == pytest.approx(ref / 6, rel=1e-9)


def test_preprocessing_shapes(tmp_path):
    import skimage.data as skd
    from PIL import Image

    from mmcontrast.pretrain.fpattack import load_signature
    for name in ('camera', 'text'):
        p = str(tmp_path / f'{name}.png')
        Image.fromarray(getattr(skd, name)()).save(p)
        x = load_signature(p)
        assert x.shape == (1, 155, 220) and x.dtype == torch.float32
        assert 0 <= float(x.min()) and float(x.max()) <= 1
        raw = np.asarray(Image.open(p).convert('L').resize((220, 155), Image.BILINEAR))
        assert np.allclose(x[0].numpy(), (255 - raw) / 255., atol=1e-6)  # inverted
    with pytest.raises(FileNotFoundError, match='missing.png'):
        load_signature(str(tmp_path / 'missing.png'))
