# Tiny CLLD pretraining on the mini 'photos' set (24 real 256x256 photo crops), CPU-sized:
# ResNet-18, batch 4, 100 iterations, 224 masked copy, views cropped to 112 (4x4 feature
# grid, so α=3 still fits). Run from the repository root.
_base_ = [
    '../_base_/models/clld_resnet18-tiny.py',
    '../_base_/datasets/mini-photos.py',
    'mmpretrain::_base_/default_runtime.py',
    '../_base_/schedules/clld_lars-coslr-100iter.py',
]
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)
default_hooks = dict(logger=dict(interval=10),
                     checkpoint=dict(by_epoch=False, interval=100, max_keep_ckpts=1))
log_processor = dict(by_epoch=False)
randomness = dict(seed=0)
