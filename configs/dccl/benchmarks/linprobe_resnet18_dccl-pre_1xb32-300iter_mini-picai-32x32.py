# Tiny linear probe on the mini PI-CAI set: frozen ResNet-18 from the tiny DCCL pretraining,
# linear slice classifier on folds 1-4, case/slice AUC on fold 0.
#   python tools/train.py configs/dccl/dccl_resnet18_1xb32-200iter_mini-picai-32x32.py \
#       --work-dir work_dirs/dccl_tiny
#   python tools/train.py configs/dccl/benchmarks/linprobe_resnet18_dccl-pre_1xb32-300iter_mini-picai-32x32.py
# (SimCLR: --cfg-options model.backbone.init_cfg.checkpoint=work_dirs/simclr_tiny/iter_200.pth)
_base_ = [
    '../_base_/models/resnet18_slicecls.py', '../_base_/datasets/mini_picai_cls.py',
    'mmpretrain::_base_/default_runtime.py'
]
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)
model = dict(backbone=dict(frozen_stages=4, norm_eval=True,
                           init_cfg=dict(checkpoint='work_dirs/dccl_tiny/iter_200.pth')))
optim_wrapper = dict(type='OptimWrapper',
                     optimizer=dict(type='AdamW', lr=1e-2, weight_decay=1e-4))
param_scheduler = [dict(type='CosineAnnealingLR', T_max=300, by_epoch=False, begin=0,
                        end=300)]
train_cfg = dict(type='IterBasedTrainLoop', max_iters=300, val_interval=300)
val_cfg = dict()
test_cfg = dict()
default_hooks = dict(logger=dict(interval=25),
                     checkpoint=dict(by_epoch=False, interval=300, max_keep_ckpts=1))
log_processor = dict(by_epoch=False)
env_cfg = dict(dist_cfg=dict(backend='gloo'))
randomness = dict(seed=0)
