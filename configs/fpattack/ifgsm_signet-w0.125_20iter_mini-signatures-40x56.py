# FP-attack job (ifgsm) on the rejected genuine-forged test pairs of mini
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
    attack=dict(type='IFGSM', eps=0.05, alpha=0.01, iters=20, objective='decrease_distance', threshold=threshold),
    eligibility='rejected',
    save_images=False)
test_evaluator = dict(_delete_=True, type='AttackSuccessRate')
randomness = dict(seed=3407)
