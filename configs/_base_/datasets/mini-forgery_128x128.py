# The mini splicing set (data/mini/forgery, written by
# `python tools/dataset_converters/make_mini_datasets.py`) with the settings of FOCAL's forgery
# data (forgery_1024x1024.py: dataset type, pipeline steps) at CPU size, read from the folders
# {train,val}/{images,masks}: 128x128 inputs, masks on the 32x32 grid of a stride-4 extractor
# (gt_ratio 4; the tiny ViT configs set 8), batch 4, no worker processes.
_base_ = './forgery_1024x1024.py'
data_root = 'data/mini/forgery'
img_size = 128
gt_ratio = 4
augment = dict(_base_.augment, pad_size=img_size)
resize = dict(_base_.resize, size=img_size, gt_ratio=gt_ratio)
train_pipeline = [*_base_.load, augment, resize, _base_.pack]
test_pipeline = [*_base_.load, dict(resize, resize_gt=False), _base_.pack]
train_dataloader = dict(
    batch_size=4, num_workers=0, persistent_workers=False,
    dataset=dict(data_root=data_root, ann_file='',
                 data_prefix=dict(img_path='train/images', seg_map_path='train/masks'),
                 pipeline=train_pipeline))
val_dataloader = dict(
    num_workers=0, persistent_workers=False,
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
