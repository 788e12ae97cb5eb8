# Age on FG-NET, leave-one-person-out (82 folds; MAE/CS pooled over all 1,002 predictions):
#   python tools/age_lopo.py configs/age/agecl_resnet50_1xb32-30e_fgnet-lopo.py --gpus 8
# The driver sets `lopo_fold` of every dataset per fold. Initialised from the MORPH-II model
# (`load_from`, common practice for this small set); option: load_from=None (ImageNet only).
# RECONSTRUCTION: every choice is an mmcontrast option (see README.md).
_base_ = ['../_base_/models/agecl_resnet50.py', '../_base_/datasets/fgnet-lopo.py',
          'mmpretrain::_base_/default_runtime.py', '../_base_/schedules/agecl_adamw-coslr-60e.py']
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)

load_from = 'work_dirs/agecl_resnet50_1xb64-60e_morph2/best_age_mae.pth'
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0, end=1,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=29, eta_min=1e-6, by_epoch=True, begin=1, end=30,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=30, val_interval=30)
custom_hooks = [dict(type='AgeTripletEpochHook')]
default_hooks = dict(checkpoint=dict(type='CheckpointHook', interval=30, max_keep_ckpts=1,
                                    save_best=None, rule=None))
