# CLLD α=3, ResNet-50, ImageNet-1k, 100 epochs, LARS, global batch 1024 (spec §5 default).
_base_ = [
    '../_base_/models/clld_resnet50.py',
    '../_base_/datasets/imagenet_bs128_clld.py',
    'mmpretrain::_base_/default_runtime.py',
]
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)

# LARS without momentum, wd on all parameters (BN and bias included), as the official code.
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='LARS', lr=2.0, momentum=0., weight_decay=1.5e-6, eta=0.001, eps=1e-8))
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=100, by_epoch=True, begin=0, end=100, eta_min=0.,
         convert_to_iter_based=True)
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=100)
randomness = dict(seed=42)
default_hooks = dict(checkpoint=dict(max_keep_ckpts=3))
auto_scale_lr = dict(base_batch_size=1024)
