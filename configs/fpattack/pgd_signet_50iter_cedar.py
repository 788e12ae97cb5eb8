# FP-attack job (pgd) on the rejected genuine-forged test pairs of CEDAR
# (fpattack.md §5): FPAttackLoop + AttackSuccessRate; the victim comes from
# `tools/attack.py THIS_CONFIG --checkpoint VICTIM.pth`.
_base_ = ['../_base_/attacks/fpattack-loop_signet_cedar.py']
test_cfg = dict(
    attack=dict(type='PGD', eps=0.05, alpha=0.01, iters=50, objective='decrease_distance'))
