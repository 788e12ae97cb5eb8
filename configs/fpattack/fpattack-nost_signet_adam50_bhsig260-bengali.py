# FP-attack job (fpattack-nost) on the rejected genuine-forged test pairs of BHSig260-Bengali
# (fpattack.md §5): FPAttackLoop + AttackSuccessRate; the victim comes from
# `tools/attack.py THIS_CONFIG --checkpoint VICTIM.pth`.
_base_ = ['../_base_/attacks/fpattack-loop_signet_bhsig260-bengali.py']
test_cfg = dict(
    attack=dict(type='NoStyleFPAttack', lr=1e-2, iters=50, w_attack=10, w_diff=1e-3, w_tv=100))
