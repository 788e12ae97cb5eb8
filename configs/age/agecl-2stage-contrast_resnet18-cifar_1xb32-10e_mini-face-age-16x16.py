# Two-stage schedule on the mini face-age set, stage 1: contrastive only (L_cos + L_tri,
# reg_weight=0) on triplets, 10 epochs. Stage 2:
# `agecl-2stage-reg_resnet18-cifar_1xb32-10e_mini-face-age-16x16.py`.
_base_ = './agecl_resnet18-cifar_1xb32-20e_mini-face-age-16x16.py'

model = dict(head=dict(reg_weight=0.0))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=True, begin=0, end=1,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=9, eta_min=1e-5, by_epoch=True, begin=1, end=10,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=10, val_interval=10)
default_hooks = dict(checkpoint=dict(interval=10))
