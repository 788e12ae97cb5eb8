# FPAttackLoop + AttackSuccessRate on the rejected genuine-forged test pairs of the mini
# signature set (fpattack.md §5), victim
# ../../fpattack/signet-w0.125_1xb16-3e_mini-signatures-40x56.py; an attack config adds
# `test_cfg = dict(attack=dict(type=...))`.
_base_ = ['../../fpattack/signet-w0.125_1xb16-3e_mini-signatures-40x56.py']
# τ of the tiny victim (its val `verification/threshold` with seed 3407); override with
# `tools/attack.py ... --threshold T` for another checkpoint.
threshold = 0.469
test_dataloader = dict(batch_size=8, num_workers=0, dataset=dict(only_label=0))
test_cfg = dict(_delete_=True, type='FPAttackLoop', attack=dict(threshold=threshold), eligibility='rejected', save_images=False)
test_evaluator = dict(_delete_=True, type='AttackSuccessRate')
