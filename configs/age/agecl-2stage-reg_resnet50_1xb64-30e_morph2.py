# Two-stage schedule, stage 2 on MORPH-II P1: the regressor on the contrastively fine-tuned
# backbone (frozen, BN in eval), L_reg only. Set `load_from` to stage 1's last checkpoint.
_base_ = './agereg_resnet50_1xb64-60e_morph2.py'

load_from = 'work_dirs/agecl-2stage-contrast_resnet50_1xb64-30e_morph2/epoch_30.pth'
model = dict(backbone=dict(frozen_stages=4, norm_eval=True, init_cfg=None))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0, end=1,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=29, eta_min=1e-6, by_epoch=True, begin=1, end=30,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=30)
