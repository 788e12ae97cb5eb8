# FP-attack job (fpattack-st) on the rejected genuine-forged test pairs of mini
# (fpattack.md §5): FPAttackLoop + AttackSuccessRate; the victim comes from
# `tools/attack.py THIS_CONFIG --checkpoint VICTIM.pth`.
_base_ = ['../_base_/attacks/fpattack-loop_signet-w0.125_mini-signatures-40x56.py']
test_cfg = dict(
    attack=dict(type='StyleTransferFPAttack', lr=1e-2, iters=20, w_attack=10, w_diff=1e-3, w_style=1e11, w_tv=100, taps=('conv1', 'conv2', 'conv3', 'conv4')))
