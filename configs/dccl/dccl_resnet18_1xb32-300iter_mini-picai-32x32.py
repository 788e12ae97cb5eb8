# Tiny DCCL pretraining on the mini PI-CAI set (CPU, ~minutes). Folds 1-4 (fold 0 held out).
#   python tools/train.py configs/dccl/dccl_resnet18_1xb32-300iter_mini-picai-32x32.py \
#       --work-dir work_dirs/dccl_tiny
_base_ = [
    './_base_/models/dccl_r18.py', './_base_/datasets/mini_picai_pretrain.py',
    './_base_/schedules/adamw_cos_300iter.py', 'mmpretrain::_base_/default_runtime.py'
]
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)
env_cfg = dict(dist_cfg=dict(backend='gloo'))
randomness = dict(seed=0)
default_hooks = dict(logger=dict(interval=20),
                     checkpoint=dict(by_epoch=False, interval=300, max_keep_ckpts=1))
log_processor = dict(by_epoch=False)
