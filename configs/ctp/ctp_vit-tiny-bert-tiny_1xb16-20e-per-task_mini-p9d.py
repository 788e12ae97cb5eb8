# CTP tiny config: 3 tasks on the mini P9D set (data/mini/p9d: scikit-learn digits 0-2, 3-5,
# 6-9 as three "industries", 32x32 images, templated English titles, toy vocab.txt; generate
# with `python tools/dataset_converters/make_mini_datasets.py`). One run per task:
#   python tools/continual_train.py configs/ctp/ctp_vit-tiny-bert-tiny_1xb16-20e-per-task_mini-p9d.py
# [mmcontrast] CPU-size choices, not the paper's: see the model, dataset and schedule bases.
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)
_base_ = ['../_base_/models/ctp_vit-tiny-bert-tiny.py', '../_base_/datasets/mini-p9d.py',
          'mmpretrain::_base_/default_runtime.py', '../_base_/schedules/ctp_adamw-coslr-20e.py']

default_hooks = dict(
    logger=dict(type='LoggerHook', interval=5),
    checkpoint=dict(type='CheckpointHook', interval=20, max_keep_ckpts=1))
env_cfg = dict(dist_cfg=dict(backend='gloo'))
randomness = dict(seed=42, deterministic=False)
