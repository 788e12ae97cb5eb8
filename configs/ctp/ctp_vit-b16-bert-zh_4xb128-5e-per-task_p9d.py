# CTP (Zhu et al., ICCV 2023) on P9D: ViT-B/16 (DeiT-base init) + ALBEF BERT (bert-base-chinese,
# fusion from layer 6), 9 tasks (industries), 5 epochs per task, 4 GPUs x 128 (spec §2-§5).
#   python tools/continual_train.py configs/ctp/ctp_vit-b16-bert-zh_4xb128-5e-per-task_p9d.py \
#       --launcher pytorch --nproc 4
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)
_base_ = ['../_base_/models/ctp_vit-b16-bert-zh.py', '../_base_/datasets/p9d.py',
          'mmpretrain::_base_/default_runtime.py', '../_base_/schedules/ctp_adamw-coslr-5e.py']

default_hooks = dict(
    logger=dict(type='LoggerHook', interval=50),
    checkpoint=dict(type='CheckpointHook', interval=1, max_keep_ckpts=2))
randomness = dict(seed=42, diff_rank_seed=True)
