# Age (AgeCL) tiny config: joint schedule (L_reg + L_cos + L_tri) on the mini face-age set
# (data/mini/face_age: 20 synthetic writers x digit "ages" 0-9, FG-NET file layout, 64x64
# JPEGs; writers 1-14 train, 15-20 test; `python tools/dataset_converters/make_mini_datasets.py
# face_age`). Plumbing only, not evidence about faces.
# [mmcontrast] CPU-size choices, not the method's: ResNet_CIFAR-18 at quarter width (base 16),
# 16x16 input (the digits are 8x8 at source), projector 512->128, DEX over 10 bins (ages 0..9), no flip (digits are not
# mirror-symmetric), 20 epochs, lr 5e-3. Every method choice is a reconstruction (see README.md).
_base_ = ['../_base_/models/agecl_resnet18-cifar-tiny.py',
          '../_base_/datasets/mini-face-age_16x16.py', 'mmpretrain::_base_/default_runtime.py',
          '../_base_/schedules/agecl_adamw-coslr-20e.py']
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)

custom_hooks = [dict(type='AgeTripletEpochHook')]
default_hooks = dict(
    logger=dict(type='LoggerHook', interval=5),
    checkpoint=dict(type='CheckpointHook', interval=20, max_keep_ckpts=1))
env_cfg = dict(dist_cfg=dict(backend='gloo'))
randomness = dict(seed=0, deterministic=False)
