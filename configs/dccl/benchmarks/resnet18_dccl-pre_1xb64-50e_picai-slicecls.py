# Downstream A (spec §5): fine-tune the DCCL-pretrained ResNet-18 as a slice classifier on
# PI-CAI (AdamW lr 1e-4, 50 epochs); case-level AUC = max slice probability. Other
# pretrainings: --cfg-options model.backbone.init_cfg.checkpoint=<ckpt>. 5 folds:
#   python tools/dccl_5fold.py configs/dccl/dccl_resnet18_1xb64-200e_picai-slices.py \
#       configs/dccl/benchmarks/resnet18_dccl-pre_1xb64-50e_picai-slicecls.py
# [mmcontrast] the spec's class-balanced sampler is not used (plain shuffling).
_base_ = [
    '../_base_/models/resnet18_slicecls.py', '../_base_/datasets/picai_slices_cls.py',
    'mmpretrain::_base_/default_runtime.py'
]
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)
optim_wrapper = dict(type='OptimWrapper',
                     optimizer=dict(type='AdamW', lr=1e-4, weight_decay=1e-4))
param_scheduler = [dict(type='CosineAnnealingLR', T_max=50, by_epoch=True, begin=0, end=50)]
train_cfg = dict(by_epoch=True, max_epochs=50, val_interval=5)
val_cfg = dict()
test_cfg = dict()
default_hooks = dict(checkpoint=dict(interval=5, max_keep_ckpts=1, save_best='auc/case',
                                     rule='greater'))
randomness = dict(seed=0)
