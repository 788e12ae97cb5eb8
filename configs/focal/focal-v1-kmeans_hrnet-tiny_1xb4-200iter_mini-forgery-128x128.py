# Tiny FOCAL v1 on the mini splicing set (data/mini/forgery, written by
# `python tools/dataset_converters/make_mini_datasets.py`): a tiny HRNet (channels 8/16/32/64,
# one block per branch) at 128x128 -> (B, 8, 32, 32) features, 200 iterations of batch 4 on CPU
# (about 2 minutes on 2 cores), k=2 k-means on every validation image.
_base_ = './focal-v1-kmeans_hrnet-w32_4xb1-190k_tampcoco-1024x1024.py'
img_size = 128
gt_ratio = 4
data_root = 'data/mini/forgery'
hrnet_tiny = dict(
    type='HRNet',
    norm_cfg=dict(type='BN', requires_grad=True),
    norm_eval=False,
    multiscale_output=False,
    extra=dict(
        stage1=dict(num_modules=1, num_branches=1, block='BOTTLENECK', num_blocks=(1, ),
                    num_channels=(8, )),
        stage2=dict(num_modules=1, num_branches=2, block='BASIC', num_blocks=(1, 1),
                    num_channels=(8, 16)),
        stage3=dict(num_modules=1, num_branches=3, block='BASIC', num_blocks=(1, 1, 1),
                    num_channels=(8, 16, 32)),
        stage4=dict(num_modules=1, num_branches=4, block='BASIC', num_blocks=(1, 1, 1, 1),
                    num_channels=(8, 16, 32, 64))))
model = dict(
    data_preprocessor=dict(size=(img_size, img_size)),
    extractors=[hrnet_tiny])
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadForgeryMask'),
    dict(type='BinarizeMask', threshold=127),
    dict(type='FOCALAlbu', pad_size=img_size, jpeg_quality=(50, 95), prob=0.75),
    dict(type='ResizeForgery', size=img_size, gt_ratio=gt_ratio),
    dict(type='PackSegInputs'),
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadForgeryMask'),
    dict(type='BinarizeMask', threshold=127),
    dict(type='ResizeForgery', size=img_size, gt_ratio=gt_ratio, resize_gt=False),
    dict(type='PackSegInputs'),
]
train_dataloader = dict(
    batch_size=4,
    num_workers=0,
    persistent_workers=False,
    dataset=dict(data_root=data_root, ann_file='',
                 data_prefix=dict(img_path='train/images', seg_map_path='train/masks'),
                 pipeline=train_pipeline))
val_dataloader = dict(
    num_workers=0,
    persistent_workers=False,
    dataset=dict(data_root=data_root, ann_file='',
                 data_prefix=dict(img_path='val/images', seg_map_path='val/masks'),
                 pipeline=test_pipeline))
test_dataloader = val_dataloader
# original resolution (prefix forgery) and the official protocol on the 32x32 grid
val_evaluator = [
    dict(type='ForgeryPixelMetric', eval_resolution='original'),
    dict(type='ForgeryPixelMetric', eval_resolution='official', official_size=(32, 32),
         prefix='forgery_official'),
]
test_evaluator = val_evaluator
optim_wrapper = dict(optimizer=dict(lr=1e-3))
train_cfg = dict(max_iters=200, val_interval=100)
default_hooks = dict(
    checkpoint=dict(interval=100, max_keep_ckpts=1),
    logger=dict(interval=20))
randomness = dict(seed=0)
