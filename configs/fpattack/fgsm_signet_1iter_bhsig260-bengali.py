# FP-attack job (fgsm) on the rejected genuine-forged test pairs of BHSig260-Bengali
# (fpattack.md §5): FPAttackLoop + AttackSuccessRate; the victim comes from
# `tools/attack.py THIS_CONFIG --checkpoint VICTIM.pth`.
_base_ = ['../_base_/attacks/fpattack-loop_signet_bhsig260-bengali.py']
test_cfg = dict(attack=dict(type='FGSM', eps=0.05, objective='decrease_distance'))
