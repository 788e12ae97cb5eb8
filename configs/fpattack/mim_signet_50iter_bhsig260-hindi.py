# FP-attack job (mim) on the rejected genuine-forged test pairs of BHSig260-Hindi
# (fpattack.md §5): FPAttackLoop + AttackSuccessRate; the victim comes from
# `tools/attack.py THIS_CONFIG --checkpoint VICTIM.pth`.
_base_ = ['../_base_/attacks/fpattack-loop_signet_bhsig260-hindi.py']
test_cfg = dict(
    attack=dict(type='MIM', momentum=0.9, eps=0.05, alpha=0.01, iters=50, objective='decrease_distance'))
