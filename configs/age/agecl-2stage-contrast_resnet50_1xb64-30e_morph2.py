# Two-stage schedule, stage 1 on MORPH-II P1: contrastive pretraining only (L_cos + L_tri,
# reg_weight=0) of the backbone and projector on triplets. Stage 2 is
# `agecl-2stage-reg_resnet50_1xb64-30e_morph2.py` (load_from this run's checkpoint).
_base_ = './agecl_resnet50_1xb64-60e_morph2.py'

model = dict(head=dict(reg_weight=0.0))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0, end=3,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=27, eta_min=1e-6, by_epoch=True, begin=3, end=30,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=30)
val_cfg = None
val_dataloader = None
val_evaluator = None
default_hooks = dict(checkpoint=dict(save_best=None, rule=None))
