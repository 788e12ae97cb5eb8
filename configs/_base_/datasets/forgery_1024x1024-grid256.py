# FOCAL's forgery data (forgery_1024x1024.py) with the training masks on the 256x256 grid of a
# stride-4 extractor (HRNet: gt_ratio 4) and the official metric on that grid.
_base_ = './forgery_1024x1024.py'
gt_ratio = 4
resize = dict(_base_.resize, gt_ratio=gt_ratio)
train_pipeline = [*_base_.load, _base_.augment, resize, _base_.pack]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
val_evaluator = dict(type='ForgeryPixelMetric', eval_resolution='official',
                     official_size=(256, 256))
test_evaluator = val_evaluator
