# DCCL pretraining on PI-CAI slices (spec §5): confidence-conditional alignment + decoupled
# uniformity, confidence_mode='paper', eps=0.1 (set in the dataset's PIRADSConfidence).
_base_ = [
    './_base_/models/dccl_r18.py', './_base_/datasets/picai_slices_pretrain.py',
    './_base_/schedules/adamw_cos_200e.py', 'mmpretrain::_base_/default_runtime.py'
]
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)
default_hooks = dict(checkpoint=dict(interval=20, max_keep_ckpts=2))
env_cfg = dict(dist_cfg=dict(backend='nccl'))
randomness = dict(seed=0)
