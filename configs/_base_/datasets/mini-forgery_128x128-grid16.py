# The mini splicing set (mini-forgery_128x128.py) with the training masks on the 16x16 grid of a
# stride-8 extractor (the tiny ViT-SAM: gt_ratio 8).
_base_ = './mini-forgery_128x128.py'
img_size = 128
gt_ratio = 8
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadForgeryMask'),
    dict(type='BinarizeMask', threshold=127),
    dict(type='FOCALAlbu', pad_size=img_size, jpeg_quality=(50, 95), prob=0.75),
    dict(type='ResizeForgery', size=img_size, gt_ratio=gt_ratio),
    dict(type='PackSegInputs'),
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
