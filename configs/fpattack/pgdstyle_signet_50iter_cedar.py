# FP-attack job (pgdstyle) on the rejected genuine-forged test pairs of CEDAR
# (fpattack.md §5): FPAttackLoop + AttackSuccessRate; the victim comes from
# `tools/attack.py THIS_CONFIG --checkpoint VICTIM.pth`.
_base_ = ['../_base_/attacks/fpattack-loop_signet_cedar.py']
test_cfg = dict(
    attack=dict(type='PGDStyle', w_style=1e11, w_tv=100, eps=0.05, alpha=0.01, iters=50, objective='decrease_distance'))
