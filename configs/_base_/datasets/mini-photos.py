# The mini 'photos' set (24 real 256x256 photo crops in the ImageNet folder layout, written by
# tools/dataset_converters/make_mini_datasets.py; labels unused) with CLLD's masked two-view
# pipeline at CPU size: 224 masked copy, views cropped to 112. Batch 4, no worker processes.
dataset_type = 'ImageNet'
data_root = 'data/mini/photos/'
view_pipeline = [
    dict(type='RandomResizedCropWithBox', scale=112, crop_ratio_range=(0.08, 1.0),
         interpolation='bicubic', backend='pillow'),
    dict(type='RandomFlip', prob=0.5),
    dict(type='RandomApply',
         transforms=[dict(type='ColorJitter', brightness=0.8, contrast=0.8, saturation=0.8,
                          hue=0.2)],
         prob=0.8),
    dict(type='RandomGrayscale', prob=0.2, keep_channels=True,
         channel_weights=(0.114, 0.587, 0.2989)),
    dict(type='GaussianBlur', radius=3, prob=0.3),
    dict(type='Solarize', thr=128, prob=0.3),
]
train_dataloader = dict(
    batch_size=4,
    num_workers=0,
    persistent_workers=False,
    pin_memory=False,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(type=dataset_type, data_root=data_root, split='train', pipeline=[
        dict(type='LoadImageFromFile'),
        dict(type='CLLDMaskedTwoViews', transforms=view_pipeline,
             mask=dict(type='RandomPatchMask', size=224, cell=14, ratio=0.3)),
        dict(type='PackInputs', meta_keys=('img_path', 'crop_bbox', 'flip', 'ori_shape',
                                           'masked_view')),
    ]))
