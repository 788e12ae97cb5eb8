# Two-stage schedule on the mini face-age set, stage 2: the regressor (L_reg only) on the
# stage-1 backbone, frozen with BN in eval mode, 10 epochs. Run stage 1 first:
#   python tools/train.py configs/age/agecl-2stage-contrast_resnet18-cifar_1xb32-10e_mini-face-age-16x16.py
_base_ = './agereg_resnet18-cifar_1xb32-20e_mini-face-age-16x16.py'

load_from = ('work_dirs/agecl-2stage-contrast_resnet18-cifar_1xb32-10e_mini-face-age-16x16/'
             'epoch_10.pth')
model = dict(backbone=dict(frozen_stages=4, norm_eval=True))
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=10, eta_min=1e-5, by_epoch=True, begin=0, end=10,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=10, val_interval=10)
default_hooks = dict(checkpoint=dict(interval=10))
