# The mini splicing set (data/mini/forgery, written by
# `python tools/dataset_converters/make_mini_datasets.py`): ForgeryDataset folders
# {train,val}/{images,masks}, 128x128 inputs, masks on the 32x32 grid of a stride-4 extractor
# (gt_ratio 4; the tiny ViT configs set 8), batch 4, no worker processes.
_base_ = './loaders_iter-cpu.py'
dataset_type = 'ForgeryDataset'
data_root = 'data/mini/forgery'
img_size = 128
gt_ratio = 4
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
    dataset=dict(type=dataset_type, data_root=data_root, ann_file='',
                 data_prefix=dict(img_path='train/images', seg_map_path='train/masks'),
                 pipeline=train_pipeline))
val_dataloader = dict(
    dataset=dict(type=dataset_type, data_root=data_root, ann_file='',
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
