# Tiny DCCL pretraining on the mini PI-CAI set (CPU, ~minutes). Folds 1-4 (fold 0 held out).
#   python tools/train.py configs/dccl/dccl_resnet18_1xb32-200iter_mini-picai-32x32.py \
#       --work-dir work_dirs/dccl_tiny
# [mmcontrast] tiny-only loss setting: t = 2 and l_alignment = 0.5. With the code defaults
# (t = 1, l_alignment = 1; the 2B-row alignment divided by B doubles the twin term) the tiny
# run collapsed (loss_uniform -0.03 from iteration 80 on): near collapse the alignment pull
# (4/B) beats the uniformity push (2t/B). This restores Wang & Isola's 1:1 balance (t = 2).
_base_ = [
    './_base_/models/dccl_r18.py', './_base_/datasets/mini_picai_pretrain.py',
    './_base_/schedules/adamw_cos_200iter.py', 'mmpretrain::_base_/default_runtime.py'
]
model = dict(head=dict(loss=dict(t=2.0, l_alignment=0.5)))
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)
env_cfg = dict(dist_cfg=dict(backend='gloo'))
randomness = dict(seed=0)
default_hooks = dict(logger=dict(interval=20),
                     checkpoint=dict(by_epoch=False, interval=200, max_keep_ckpts=1))
log_processor = dict(by_epoch=False)
