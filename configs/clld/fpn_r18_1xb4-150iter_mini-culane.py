# Tiny lane-slot segmentation on the mini CULane set (native 1640x590 images resized to
# 352x128), ResNet-18 + semantic FPN (output stride 4), 150 iterations on CPU.
# Random init; fpn_r18-clld-pre_1xb4-150iter_mini-culane.py starts from an exported backbone.
_base_ = [
    '../_base_/datasets/culane.py',
    'mmseg::_base_/default_runtime.py',
]
custom_imports = dict(imports=['mmcontrast.seg'], allow_failed_imports=False)
data_root = 'data/mini/culane/'
crop_size = (128, 352)
class_weight = [0.4, 1.0, 1.0, 1.0, 1.0]
norm_cfg = dict(type='BN', requires_grad=True)
model = dict(
    type='EncoderDecoder',
    data_preprocessor=dict(type='SegDataPreProcessor', mean=[123.675, 116.28, 103.53],
                           std=[58.395, 57.12, 57.375], bgr_to_rgb=True, pad_val=0,
                           seg_pad_val=255, size=crop_size),
    backbone=dict(type='ResNet', depth=18, num_stages=4, out_indices=(0, 1, 2, 3),
                  norm_cfg=norm_cfg, norm_eval=False, style='pytorch'),
    neck=dict(type='FPN', in_channels=[64, 128, 256, 512], out_channels=64, num_outs=4),
    decode_head=dict(type='FPNHead', in_channels=[64, 64, 64, 64], in_index=[0, 1, 2, 3],
                     feature_strides=[4, 8, 16, 32], channels=64, dropout_ratio=0.1,
                     num_classes=5, norm_cfg=norm_cfg, align_corners=False,
                     loss_decode=dict(type='CrossEntropyLoss', use_sigmoid=False,
                                      loss_weight=1.0, class_weight=class_weight)),
    train_cfg=dict(),
    test_cfg=dict(mode='whole'))
tiny_train = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadLaneAnnotations', width=30, num_slots=4),
    dict(type='Resize', scale=(352, 128), keep_ratio=False),
    dict(type='PackSegInputs', meta_keys={{_base_.meta_keys}}),
]
tiny_test = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=(352, 128), keep_ratio=False),
    dict(type='LoadLaneAnnotations', width=30, num_slots=4),
    dict(type='PackSegInputs', meta_keys={{_base_.meta_keys}}),
]
train_dataloader = dict(batch_size=4, num_workers=0, persistent_workers=False,
                        dataset=dict(data_root=data_root, pipeline=tiny_train))
val_dataloader = dict(num_workers=0, persistent_workers=False,
                      dataset=dict(data_root=data_root, pipeline=tiny_test))
test_dataloader = dict(num_workers=0, persistent_workers=False,
                       dataset=dict(data_root=data_root, pipeline=tiny_test))
optim_wrapper = dict(type='OptimWrapper',
                     optimizer=dict(type='SGD', lr=0.02, momentum=0.9, weight_decay=1e-4))
param_scheduler = [dict(type='PolyLR', eta_min=1e-4, power=0.9, begin=0, end=150,
                        by_epoch=False)]
train_cfg = dict(type='IterBasedTrainLoop', max_iters=150, val_interval=150)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
default_hooks = dict(
    timer=dict(type='IterTimerHook'),
    logger=dict(type='LoggerHook', interval=25, log_metric_by_epoch=False),
    param_scheduler=dict(type='ParamSchedulerHook'),
    checkpoint=dict(type='CheckpointHook', by_epoch=False, interval=150, max_keep_ckpts=1),
    sampler_seed=dict(type='DistSamplerSeedHook'),
    visualization=dict(type='SegVisualizationHook'))
randomness = dict(seed=0)
