# FOCAL v1 with the HRNet-W32 extractor (pose-HRNet layout, random init, highest-resolution
# branch only): (B, 32, 256, 256) features, mask on the 256x256 grid (gt_ratio 4). The official
# training length of the HRNet is unknown; the ViT schedule is kept.
_base_ = './focal-v1-kmeans_vit-sam-l_4xb1-190k_tampcoco-1024x1024.py'
img_size = 1024
gt_ratio = 4
hrnet_w32 = dict(
    type='HRNet',
    norm_cfg=dict(type='BN', requires_grad=True),  # official: plain BN, 1 image per GPU
    norm_eval=False,
    multiscale_output=False,  # fuse into the highest-resolution branch only
    extra=dict(
        stage1=dict(num_modules=1, num_branches=1, block='BOTTLENECK', num_blocks=(4, ),
                    num_channels=(64, )),
        stage2=dict(num_modules=1, num_branches=2, block='BASIC', num_blocks=(4, 4),
                    num_channels=(32, 64)),
        stage3=dict(num_modules=4, num_branches=3, block='BASIC', num_blocks=(4, 4, 4),
                    num_channels=(32, 64, 128)),
        stage4=dict(num_modules=3, num_branches=4, block='BASIC', num_blocks=(4, 4, 4, 4),
                    num_channels=(32, 64, 128, 256))))
model = dict(extractors=[hrnet_w32])
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadForgeryMask'),
    dict(type='BinarizeMask', threshold=127),
    dict(type='FOCALAlbu', pad_size=img_size, jpeg_quality=(50, 95), prob=0.75),
    dict(type='ResizeForgery', size=img_size, gt_ratio=gt_ratio),
    dict(type='PackSegInputs'),
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
val_evaluator = dict(type='ForgeryPixelMetric', eval_resolution='official',
                     official_size=(256, 256))
test_evaluator = val_evaluator
