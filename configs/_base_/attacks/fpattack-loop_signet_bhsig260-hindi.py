# FPAttackLoop + AttackSuccessRate on the rejected genuine-forged test pairs of BHSig260-Hindi
# (fpattack.md §5), victim ../../fpattack/signet_1xb32-20e_bhsig260-hindi.py; an attack config adds
# `test_cfg = dict(attack=dict(type=...))`.
_base_ = ['../../fpattack/signet_1xb32-20e_bhsig260-hindi.py']
# τ = 0.03 is the authors' value for their unreleased BHSig260-Hindi weights [code]; use the
# `verification/threshold` of YOUR victim (tools/attack.py --threshold T).
threshold = 0.03
test_dataloader = dict(batch_size=32, num_workers=0, dataset=dict(only_label=0))
test_cfg = dict(_delete_=True, type='FPAttackLoop', attack=dict(threshold=threshold), eligibility='rejected', save_images=False)
test_evaluator = dict(_delete_=True, type='AttackSuccessRate')
