# Copyright (c) mmcontrast contributors. All rights reserved.
"""The FP-attack as an mmengine test job (fpattack.md §5)."""
from typing import Sequence

import torch
from mmengine.registry import LOOPS, TASK_UTILS
from mmengine.runner import TestLoop

from .attacks.base import unwrap


@LOOPS.register_module()
class FPAttackLoop(TestLoop):
    """Attack the eligible label-0 pairs of ``test_dataloader`` with a frozen victim.

    mmengine runs test iterations under ``no_grad``; the inner optimisation
    runs under ``enable_grad`` on the image only: the victim is in eval mode
    with ``requires_grad=False`` on every parameter.

    Args:
        attack (dict): a ``TASK_UTILS`` attack, e.g. ``StyleTransferFPAttack``.
        eligibility (str): ``'rejected'`` (d0 >= τ, recomputed from the
            victim; default) or ``'all'``.
        use_csv_correctness (bool): take eligibility from the CSV's
            ``correctly_pred`` column, as the official code.
        save_images (bool): register :class:`DumpAdversarialHook`.
    """

    def __init__(self, runner, dataloader, evaluator, attack: dict,
                 eligibility: str = 'rejected', use_csv_correctness: bool = False,
                 save_images: bool = False, fp16: bool = False) -> None:
        if fp16:
            raise ValueError('FPAttackLoop: fp16 would overflow the 1e11 style weight; '
                             'set fp16=False.')
        super().__init__(runner, dataloader, evaluator, fp16=False)
        if eligibility not in ('rejected', 'all'):
            raise ValueError(f"eligibility must be 'rejected' or 'all', got {eligibility!r}.")
        self.attack = TASK_UTILS.build(attack) if isinstance(attack, dict) else attack
        self.eligibility, self.use_csv_correctness = eligibility, use_csv_correctness
        if save_images:
            runner.register_hook(dict(type='DumpAdversarialHook'))

    def run(self) -> dict:
        model = unwrap(self.runner.model)
        model.eval()
        for p in model.parameters():
            p.requires_grad_(False)
        return super().run()

    def run_iter(self, idx, data_batch: Sequence[dict]) -> None:
        self.runner.call_hook('before_test_iter', batch_idx=idx, data_batch=data_batch)
        model = unwrap(self.runner.model)
        data = model.data_preprocessor(data_batch, False)
        inputs, samples = data['inputs'], data['data_samples']
        g, f = inputs[:, 0], inputs[:, 1]
        b = inputs.shape[0]
        labels = torch.as_tensor(samples['label']).reshape(-1).cpu()
        with torch.no_grad():
            d0 = model.pair_distance(g, f).cpu()
        if self.use_csv_correctness:
            corr = torch.as_tensor(samples['correctly_pred']).reshape(-1).cpu()
            if bool((corr < 0).any()):
                raise ValueError('use_csv_correctness=True needs a 4th CSV column '
                                 '(correctly_pred) on every pair.')
            eligible = corr == 1
        elif self.eligibility == 'rejected':
            eligible = d0 >= self.attack.threshold
        else:
            eligible = torch.ones(b, dtype=torch.bool)
        eligible &= labels == 0
        meta = [dict(index=int(samples['index'][i]), path1=samples['path1'][i],
                     path2=samples['path2'][i], eligible=bool(eligible[i])) for i in range(b)]
        idx_el = eligible.nonzero().flatten().tolist()
        outputs = [dict(meta[i], d0=float(d0[i]), threshold=self.attack.threshold)
                   for i in range(b) if not eligible[i]]
        if idx_el:
            sel = torch.tensor(idx_el, device=inputs.device)
            with torch.enable_grad():
                outputs += self.attack.run(model, g[sel], f[sel], [meta[i] for i in idx_el])
        self.evaluator.process(data_samples=outputs, data_batch=data_batch)
        self.runner.call_hook('after_test_iter', batch_idx=idx, data_batch=data_batch,
                              outputs=outputs)
