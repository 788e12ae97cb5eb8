# CoNe, ResNet-50, ImageNet-1k, 100 epochs, 8 GPUs x 128 = 1024 (spec §5, official recipe);
# SyncBN everywhere. Released ResNet-50: 78.7 top-1.
_base_ = [
    '../_base_/models/cone_resnet50.py', '../_base_/datasets/imagenet_bs128.py',
    'mmpretrain::_base_/default_runtime.py', '../_base_/schedules/cone_sgd-coslr-100e.py'
]
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)
sync_bn = 'torch'

# Neighbour terms off for the first epoch: model.neighbour_start_epoch=1 (in epochs, so the
# warm-up stays one epoch at any number of GPUs; was DenseCLHook(start_iters=1251)).
custom_hooks = []
default_hooks = dict(
    logger=dict(type='LoggerHook', interval=100),
    checkpoint=dict(type='CheckpointHook', interval=1, max_keep_ckpts=3,
                    save_best='accuracy/top1'))
