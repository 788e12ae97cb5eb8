# Downstream B (spec §5): mmdet RetinaNet, ResNet-18 + FPN initialised from the DCCL
# pretraining (init_cfg Pretrained, prefix 'backbone.'), one 'lesion' class, boxes from
# connected lesion components; case AUC = max box score per case.
# Model as mmdet::retinanet/retinanet_r18_fpn_1x_coco.py (its COCO dataset base is not inherited).
_base_ = [
    'mmdet::_base_/models/retinanet_r50_fpn.py', '../_base_/datasets/picai_slices_det.py',
    'mmdet::_base_/default_runtime.py'
]
custom_imports = dict(imports=['mmcontrast.det', 'mmcontrast.pretrain'],
                      allow_failed_imports=False)
pretrained = 'work_dirs/dccl_resnet18_1xb64-200e_picai-slices/epoch_200.pth'
model = dict(
    data_preprocessor=dict(mean=[0., 0., 0.], std=[1., 1., 1.], bgr_to_rgb=False,
                           pad_size_divisor=32),
    backbone=dict(depth=18, frozen_stages=-1, norm_eval=False,
                  init_cfg=dict(type='Pretrained', checkpoint=pretrained, prefix='backbone.')),
    neck=dict(in_channels=[64, 128, 256, 512]),
    bbox_head=dict(num_classes=1),
    test_cfg=dict(score_thr=0.0, max_per_img=20))
optim_wrapper = dict(type='OptimWrapper',
                     optimizer=dict(type='AdamW', lr=1e-4, weight_decay=1e-4),
                     clip_grad=dict(max_norm=10.))
param_scheduler = [dict(type='CosineAnnealingLR', T_max=24, by_epoch=True, begin=0, end=24)]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=24, val_interval=4)
default_hooks = dict(checkpoint=dict(interval=4, max_keep_ckpts=1))
randomness = dict(seed=0)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
