# FOCAL v1 (released code): SAM ViT-L image encoder from random init, per-image pixel
# contrast (FOCALContrastLoss), k=2 k-means at validation. 4 GPUs x 1 image (the official
# DataParallel over 4 A100), ~190k iterations (author: ~190 "epochs" of 4,000 images, issue #16).
_base_ = [
    'mmseg::_base_/default_runtime.py',
    '../_base_/datasets/forgery_1024x1024.py',
]
custom_imports = dict(imports=['mmcontrast.seg', 'mmpretrain.models'], allow_failed_imports=False)
img_size = 1024
data_preprocessor = dict(
    type='SegDataPreProcessor',
    mean=[0.0, 0.0, 0.0],  # FOCAL feeds RGB / 255, no mean/std
    std=[255.0, 255.0, 255.0],
    bgr_to_rgb=True,
    pad_val=0,
    seg_pad_val=255,
    size=(img_size, img_size))
vit_sam_l = dict(
    type='mmpretrain.ViTSAM',
    arch='large',
    img_size=img_size,
    patch_size=16,
    out_channels=256,
    out_type='featmap',
    use_abs_pos=True,
    use_rel_pos=True,
    window_size=14)  # -> (B, 256, 64, 64)
model = dict(
    type='FOCAL',
    data_preprocessor=data_preprocessor,
    extractors=[vit_sam_l],
    loss=dict(type='FOCALContrastLoss', temperature=0.1, dict_size=1000),
    clusterer=dict(type='KMeans2Clusterer'))

optim_wrapper = dict(
    type='OptimWrapper', optimizer=dict(type='Adam', lr=1e-4, betas=(0.9, 0.999), weight_decay=0))
# ReduceLROnPlateau on the validation score; by_epoch=True makes mmengine's
# ParamSchedulerHook step it after every validation, also under IterBasedTrainLoop.
param_scheduler = [
    dict(type='ReduceOnPlateauLR', monitor='forgery/score', rule='greater', factor=0.5,
         patience=3, min_value=1e-8, by_epoch=True),
]
val_interval = 624  # floor(199,999 / 80 / 4) as the official code
train_cfg = dict(type='IterBasedTrainLoop', max_iters=190000, val_interval=val_interval)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
default_hooks = dict(
    checkpoint=dict(type='CheckpointHook', by_epoch=False, interval=val_interval,
                    save_best='forgery/score', rule='greater', max_keep_ckpts=2),
    logger=dict(type='LoggerHook', interval=50, log_metric_by_epoch=False))
log_processor = dict(by_epoch=False)
randomness = dict(seed=666666)
