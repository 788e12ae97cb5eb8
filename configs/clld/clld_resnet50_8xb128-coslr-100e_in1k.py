# CLLD α=3, ResNet-50, ImageNet-1k, 100 epochs, LARS, global batch 1024 (spec §5 default).
_base_ = [
    '../_base_/models/clld_resnet50.py',
    '../_base_/datasets/imagenet_bs128_clld.py',
    'mmpretrain::_base_/default_runtime.py',
    '../_base_/schedules/clld_lars-coslr-100e.py',
]
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)
randomness = dict(seed=42)
default_hooks = dict(checkpoint=dict(max_keep_ckpts=3))
