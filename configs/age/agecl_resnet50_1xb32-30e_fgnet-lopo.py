# Age on FG-NET, leave-one-person-out (82 folds; MAE/CS pooled over all 1,002 predictions):
#   python tools/age_lopo.py configs/age/agecl_resnet50_1xb32-30e_fgnet-lopo.py --gpus 8
# The driver sets `lopo_fold` of every dataset per fold. Initialised from the MORPH-II model
# (`load_from`, common practice for this small set); option: load_from=None (ImageNet only).
# RECONSTRUCTION: every choice is an mmcontrast option (see README.md).
# Faster folds (age.md §9): pre-decode once with
#   python tools/dataset_converters/face_age_pack.py data/fgnet --img-dir aligned
# and replace LoadImageFromFile in both pipelines by
#   dict(type='LoadImageFromPack', pack_file='data/fgnet/aligned_pack.npy',
#        index_file='data/fgnet/aligned_pack.json', img_dir='data/fgnet/aligned')
_base_ = './agecl_resnet50_1xb64-60e_morph2.py'

fold = 0
load_from = 'work_dirs/agecl_resnet50_1xb64-60e_morph2/best_age_mae.pth'
data_root = 'data/fgnet'
train_dataloader = dict(
    batch_size=32,
    num_workers=4,
    dataset=dict(dataset=dict(data_root=data_root, ann_file='annotations/all.json',
                              data_prefix=dict(img_path='aligned'), lopo_fold=fold,
                              lopo_split='train')))
val_dataloader = dict(
    batch_size=32,
    num_workers=2,
    dataset=dict(data_root=data_root, ann_file='annotations/all.json',
                 data_prefix=dict(img_path='aligned'), lopo_fold=fold, lopo_split='test'))
test_dataloader = val_dataloader
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0, end=1,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=29, eta_min=1e-6, by_epoch=True, begin=1, end=30,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=30, val_interval=30)
default_hooks = dict(checkpoint=dict(interval=30, max_keep_ckpts=1, save_best=None, rule=None))
