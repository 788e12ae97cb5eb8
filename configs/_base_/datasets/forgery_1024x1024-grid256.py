# FOCAL's forgery data (forgery_1024x1024.py) with the training masks on the 256x256 grid of a
# stride-4 extractor (HRNet: gt_ratio 4) and the official metric on that grid.
_base_ = './forgery_1024x1024.py'
img_size = 1024
gt_ratio = 4
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
