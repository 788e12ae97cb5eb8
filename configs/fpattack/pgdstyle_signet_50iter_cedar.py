# FP-attack job (pgdstyle) on the rejected genuine-forged test pairs of CEDAR
# (fpattack.md §5): FPAttackLoop + AttackSuccessRate; the victim comes from
# `tools/attack.py THIS_CONFIG --checkpoint VICTIM.pth`.
_base_ = ['./signet_1xb32-20e_cedar.py']

# τ = 0.0314 is the authors' value for their unreleased CEDAR weights [code]; use the
# `verification/threshold` of YOUR victim (tools/attack.py --threshold T).
threshold = 0.0314
test_dataloader = dict(
    batch_size=32, num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(only_label=0))
test_cfg = dict(
    _delete_=True,
    type='FPAttackLoop',
    attack=dict(type='PGDStyle', w_style=1e11, w_tv=100, eps=0.05, alpha=0.01, iters=50, objective='decrease_distance', threshold=threshold),
    eligibility='rejected',
    save_images=False)
test_evaluator = dict(_delete_=True, type='AttackSuccessRate')
randomness = dict(seed=3407)
