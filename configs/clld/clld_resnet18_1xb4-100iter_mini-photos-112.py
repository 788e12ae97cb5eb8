# Tiny CLLD pretraining on the mini 'photos' set (24 real 256x256 photo crops), CPU-sized:
# ResNet-18, batch 4, 100 iterations, 224 masked copy, views cropped to 112 (4x4 feature
# grid, so α=3 still fits). Run from the repository root.
_base_ = './clld_resnet50_8xb128-coslr-100e_in1k.py'
model = dict(
    backbone=dict(depth=18, norm_cfg=dict(type='BN')),
    neck=dict(in_channels=512, hid_channels=256, out_channels=128, norm_cfg=dict(type='BN')),
    ppm=dict(channels=128),
    xsim_loss=dict(feat_size=(4, 4)))
data_root = 'data/mini/photos/'
view_pipeline = [
    dict(type='RandomResizedCropWithBox', scale=112, crop_ratio_range=(0.08, 1.0),
         interpolation='bicubic', backend='pillow'),
    dict(type='RandomFlip', prob=0.5),
    dict(type='RandomApply',
         transforms=[dict(type='ColorJitter', brightness=0.8, contrast=0.8, saturation=0.8,
                          hue=0.2)],
         prob=0.8),
    dict(type='RandomGrayscale', prob=0.2, keep_channels=True,
         channel_weights=(0.114, 0.587, 0.2989)),
    dict(type='GaussianBlur', radius=3, prob=0.3),
    dict(type='Solarize', thr=128, prob=0.3),
]
train_dataloader = dict(
    batch_size=4, num_workers=0, persistent_workers=False, pin_memory=False,
    dataset=dict(data_root=data_root, split='train', pipeline=[
        dict(type='LoadImageFromFile'),
        dict(type='CLLDMaskedTwoViews', transforms=view_pipeline,
             mask=dict(type='RandomPatchMask', size=224, cell=14, ratio=0.3)),
        dict(type='PackInputs', meta_keys=('img_path', 'crop_bbox', 'flip', 'ori_shape',
                                           'masked_view')),
    ]))
optim_wrapper = dict(optimizer=dict(lr=0.2))
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=100, by_epoch=False, begin=0, end=100, eta_min=0.)
]
train_cfg = dict(_delete_=True, type='IterBasedTrainLoop', max_iters=100)
default_hooks = dict(logger=dict(interval=10),
                     checkpoint=dict(by_epoch=False, interval=100, max_keep_ckpts=1))
log_processor = dict(by_epoch=False)
randomness = dict(seed=0)
auto_scale_lr = dict(base_batch_size=4)
