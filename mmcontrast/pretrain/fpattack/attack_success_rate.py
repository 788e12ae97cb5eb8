# Copyright (c) mmcontrast contributors. All rights reserved.
"""Attack success rate of FP-attack (fpattack.md §6)."""
from typing import Dict, List, Sequence

import numpy as np
from mmengine.evaluator import BaseMetric
from mmpretrain.registry import METRICS


def pair_stats(adv, orig) -> Dict[str, float]:
    """Signed sum, mean |.|, L2 and L∞ of ``adv - orig`` (float64)."""
    x = np.asarray(adv, np.float64) - np.asarray(orig, np.float64)
    return dict(diff=float(x.sum()), mean_abs=float(np.abs(x).mean()),
                l2=float(np.sqrt((x ** 2).sum())), linf=float(np.abs(x).max()))


def attack_scores(results: Sequence[dict]) -> Dict[str, float]:
    """ASR (%) over eligible pairs, quantised ASR, official signed diff
    (mean Σ(x - f)), mean |x - f| per pixel, mean L2, mean L∞, mean d/τ.

    Each eligible result holds either ``adv``/``orig`` images or their
    :func:`pair_stats`."""
    el = [r for r in results if r.get('eligible', True)]
    out = dict(num_pairs=float(len(results)), num_eligible=float(len(el)))
    if not el:
        out.update(asr=0., asr_quantized=0.)
        return out
    stats = [pair_stats(r['adv'], r['orig']) if 'adv' in r else r for r in el]
    out.update(
        asr=100. * float(np.mean([r['success'] for r in el])),
        asr_quantized=100. * float(np.mean([r['success_quantized'] for r in el])),
        **{k: float(np.mean([s[k] for s in stats])) for k in ('diff', 'mean_abs', 'l2', 'linf')},
        d_over_tau=float(np.mean([r['d'] / r['threshold'] for r in el])))
    return out


@METRICS.register_module()
class AttackSuccessRate(BaseMetric):
    """ASR = #{eligible pairs with final d < τ} / #eligible, in %, plus
    ``asr_quantized`` (x clamped to [0, 1] and rounded to 8 bits), the
    official signed ``diff``, ``mean_abs``, ``l2``, ``linf`` and ``d_over_tau``.

    Consumes the per-pair dicts of :meth:`BaseFPAttack.run` (with ``eligible``)."""
    default_prefix = 'attack'

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        for r in data_samples:
            keep = {k: v for k, v in r.items() if k not in ('adv', 'orig')}
            if r.get('eligible', True):  # keep 4 numbers, not the images
                keep.update(pair_stats(r['adv'].numpy(), r['orig'].numpy()))
            self.results.append(keep)

    def compute_metrics(self, results: List[dict]) -> Dict[str, float]:
        return attack_scores(results)
