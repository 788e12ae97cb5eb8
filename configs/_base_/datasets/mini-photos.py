# The mini 'photos' set (24 real 256x256 photo crops in the ImageNet folder layout, written by
# tools/dataset_converters/make_mini_datasets.py; labels unused) with CLLD's masked two-view
# pipeline at CPU size: 224 masked copy, views cropped to 112. Batch 4, no worker processes.
_base_ = ['./imagenet-clld-format.py']

data_root = 'data/mini/photos/'
view_pipeline = [
    dict(type='RandomResizedCropWithBox', scale=112, crop_ratio_range=(0.08, 1.0),
         interpolation='bicubic', backend='pillow'),
    *_base_.view_augment,
]
train_dataloader = dict(
    batch_size=4,
    num_workers=0,
    persistent_workers=False,
    pin_memory=False,
    dataset=dict(data_root=data_root, pipeline=[
        dict(type='LoadImageFromFile'),
        dict(type='CLLDMaskedTwoViews', transforms=view_pipeline, mask=_base_.patch_mask),
        _base_.pack,
    ]))
