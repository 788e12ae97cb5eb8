# Tiny SMMCL on the mini LLRGBD set (data/mini/llrgbd, `python
# tools/dataset_converters/make_mini_datasets.py`): trains 20 iterations on 2 CPU cores in
# about a minute. Tiny DualMSCAN (dims 16/32/64/128, one block per stage), LightHam 64, MD_R 8,
# 64x96 crops, min_views=1 (a 64x96 crop has only 2x3 cells at stride 32).
_base_ = './smmcl_dual-mscan-b-lightham_4xb4-500e_llrgbd-480x640.py'
crop_size = (64, 96)
classes = ('void', 'floor', 'furniture', 'objects', 'wall')  # mmcontrast.mini_datasets.llrgbd
model = dict(
    data_preprocessor=dict(size=crop_size),
    backbone=dict(
        embed_dims=[16, 32, 64, 128],
        mlp_ratios=[4, 4, 4, 4],
        depths=[1, 1, 1, 1],
        drop_path_rate=0.1,
        proj_channels=32,
        init_cfg=None),
    decode_head=dict(
        in_channels=[32, 64, 128],
        channels=64,
        ham_channels=64,
        num_classes=len(classes),
        ham_kwargs=dict(MD_R=8)),
    contrast_loss=dict(min_views=1),
    test_cfg=dict(mode='slide', crop_size=crop_size, stride=(43, 64)))
data_root = 'data/mini/llrgbd/LLRGBD'
train_pipeline = [
    dict(type='LoadRGBXImageFromFile'),
    dict(type='LoadAnnotations'),
    dict(type='RandomFlip', prob=0.5),
    dict(type='RandomChoice',
         transforms=[[dict(type='Resize', scale_factor=r, keep_ratio=True)]
                     for r in [0.75, 1.0, 1.25]]),
    dict(type='RandomCrop', crop_size=crop_size),
    dict(type='PackSegInputs'),
]
train_dataloader = dict(
    batch_size=2,
    num_workers=0,
    persistent_workers=False,
    dataset=dict(data_root=data_root + '/train', metainfo=dict(classes=classes),
                 pipeline=train_pipeline))
val_dataloader = dict(
    num_workers=0,
    persistent_workers=False,
    dataset=dict(data_root=data_root + '/test', metainfo=dict(classes=classes)))
test_dataloader = val_dataloader
optim_wrapper = dict(optimizer=dict(lr=1e-3))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=False, begin=0, end=5),
    dict(type='PolyLR', power=0.9, eta_min=0.0, by_epoch=False, begin=5, end=20),
]
train_cfg = dict(type='IterBasedTrainLoop', max_iters=20, val_interval=20)
default_hooks = dict(
    logger=dict(interval=5),
    checkpoint=dict(interval=20, max_keep_ckpts=1, save_best=None))
randomness = dict(seed=0)
