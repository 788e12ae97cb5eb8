# ADE20K-Full at 640x640 crops, scale (2048, 640): ade20k-full.py with its three size-dependent
# steps replaced.
_base_ = './ade20k-full.py'
crop_size = (640, 640)
random_resize = dict(type='RandomResize', scale=(2048, 640), ratio_range=(0.5, 2.0),
                     keep_ratio=True)
random_crop = dict(type='RandomCrop', crop_size=crop_size, cat_max_ratio=0.75,
                   ignore_index=_base_.ignore_index)
resize = dict(type='Resize', scale=(2048, 640), keep_ratio=True)
train_pipeline = [_base_.load_image, _base_.load_annotations, random_resize, random_crop,
                  _base_.random_flip, _base_.photo_metric_distortion, _base_.pack]
test_pipeline = [_base_.load_image, resize, _base_.load_annotations, _base_.pack]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(pipeline=test_pipeline))
test_dataloader = val_dataloader
