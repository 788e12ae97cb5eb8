# CoNe tiny config: trains in minutes on 2 CPU cores on the mini digits set
# (data/mini/digits; generate with `python tools/dataset_converters/make_mini_datasets.py`).
# [mmcontrast] CPU-size choices, not the paper's (see the tiny model, data and schedule bases);
# the neighbour terms start after one epoch (44 iterations) as in the paper.
_base_ = [
    '../_base_/models/cone_resnet18-cifar-tiny.py', '../_base_/datasets/mini-digits.py',
    'mmpretrain::_base_/default_runtime.py', '../_base_/schedules/cone_sgd-coslr-10e.py'
]
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)

# CE-only warm-up for the first epoch: model.neighbour_start_epoch=1 (in epochs, so it stays one
# epoch with 2 processes). mmpretrain's DenseCLHook(start_iters=...) still drives
# model.loss_lambda where an iteration count is wanted.
custom_hooks = []
default_hooks = dict(
    logger=dict(type='LoggerHook', interval=10),
    checkpoint=dict(type='CheckpointHook', interval=5, max_keep_ckpts=1,
                    save_best='accuracy/top1'))
env_cfg = dict(dist_cfg=dict(backend='gloo'))
randomness = dict(seed=0, deterministic=False)
