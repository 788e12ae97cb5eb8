# ImageNet-1k train (labels unused) with CLLD's masked two-view pipeline (spec §4): views
# cropped to 224; batch 128, 8 workers. The shared parts are in imagenet-clld-format.py.
_base_ = ['./imagenet-clld-format.py']

data_root = 'data/imagenet/'
view_pipeline = [
    dict(type='RandomResizedCropWithBox', scale=224, crop_ratio_range=(0.08, 1.0),
         interpolation='bicubic', backend='pillow'),
    *_base_.view_augment,
]
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='CLLDMaskedTwoViews', transforms=view_pipeline, mask=_base_.patch_mask,
         swap_prob=0.5, box_frame='source'),
    _base_.pack,
]
train_dataloader = dict(
    batch_size=128,
    num_workers=8,
    persistent_workers=True,
    pin_memory=True,
    dataset=dict(data_root=data_root, pipeline=train_pipeline))
