# FP-attack job (fpattack-nost) on the rejected genuine-forged test pairs of mini
# (fpattack.md §5): FPAttackLoop + AttackSuccessRate; the victim comes from
# `tools/attack.py THIS_CONFIG --checkpoint VICTIM.pth`.
_base_ = ['./signet-w0.125_1xb16-3e_mini-signatures-40x56.py']

# τ of the tiny victim (its val `verification/threshold` with seed 3407); override with
# `tools/attack.py ... --threshold T` for another checkpoint.
threshold = 0.469
test_dataloader = dict(
    batch_size=8, num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(only_label=0))
test_cfg = dict(
    _delete_=True,
    type='FPAttackLoop',
    attack=dict(type='NoStyleFPAttack', lr=1e-2, iters=20, w_attack=10, w_diff=1e-3, w_tv=100,
                threshold=threshold),
    eligibility='rejected',
    save_images=False)
test_evaluator = dict(_delete_=True, type='AttackSuccessRate')
randomness = dict(seed=3407)
