# The mini splicing set (mini-forgery_128x128.py) with the training masks on the 16x16 grid of a
# stride-8 extractor (the tiny ViT-SAM: gt_ratio 8).
_base_ = './mini-forgery_128x128.py'
gt_ratio = 8
resize = dict(_base_.resize, gt_ratio=gt_ratio)
train_pipeline = [*_base_.load, _base_.augment, resize, _base_.pack]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
