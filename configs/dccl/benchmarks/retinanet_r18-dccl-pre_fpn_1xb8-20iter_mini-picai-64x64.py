# Tiny RetinaNet (ResNet-18 + FPN) from the tiny DCCL pretraining on the mini PI-CAI set:
# a CPU smoke run (20 iterations) that reports case/slice AUC from box scores.
#   python tools/train.py configs/dccl/benchmarks/retinanet_r18-dccl-pre_fpn_1xb8-20iter_mini-picai-64x64.py
# Model as mmdet::retinanet/retinanet_r18_fpn_1x_coco.py (its COCO dataset base is not inherited).
_base_ = [
    'mmdet::_base_/models/retinanet_r50_fpn.py', '../_base_/datasets/mini_picai_det.py',
    'mmdet::_base_/default_runtime.py'
]
custom_imports = dict(imports=['mmcontrast.det', 'mmcontrast.pretrain'],
                      allow_failed_imports=False)
pretrained = 'work_dirs/dccl_tiny/iter_200.pth'
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
param_scheduler = [dict(type='CosineAnnealingLR', T_max=20, by_epoch=False, begin=0, end=20)]
train_cfg = dict(type='IterBasedTrainLoop', max_iters=20, val_interval=20)
default_hooks = dict(logger=dict(interval=5),
                     checkpoint=dict(by_epoch=False, interval=20, max_keep_ckpts=1))
log_processor = dict(by_epoch=False)
env_cfg = dict(dist_cfg=dict(backend='gloo'))
randomness = dict(seed=0)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
