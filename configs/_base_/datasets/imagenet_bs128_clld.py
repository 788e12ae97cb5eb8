# ImageNet-1k train (labels unused) with CLLD's masked two-view pipeline (spec §4).
dataset_type = 'ImageNet'
data_root = 'data/imagenet/'

view_pipeline = [
    dict(type='RandomResizedCropWithBox', scale=224, crop_ratio_range=(0.08, 1.0),
         interpolation='bicubic', backend='pillow'),
    dict(type='RandomFlip', prob=0.5),
    dict(type='RandomApply',
         transforms=[dict(type='ColorJitter', brightness=0.8, contrast=0.8, saturation=0.8,
                          hue=0.2)],
         prob=0.8),
    dict(type='RandomGrayscale', prob=0.2, keep_channels=True,
         channel_weights=(0.114, 0.587, 0.2989)),
    dict(type='GaussianBlur', radius=3, prob=0.3),
    dict(type='Solarize', thr=128, prob=0.3),  # = PIL threshold 127.5 on uint8
]
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='CLLDMaskedTwoViews', transforms=view_pipeline,
         mask=dict(type='RandomPatchMask', size=224, cell=14, ratio=0.3),
         swap_prob=0.5, box_frame='source'),
    dict(type='PackInputs', meta_keys=('img_path', 'crop_bbox', 'flip', 'ori_shape',
                                       'masked_view')),
]

train_dataloader = dict(
    batch_size=128,
    num_workers=8,
    persistent_workers=True,
    pin_memory=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(type=dataset_type, data_root=data_root, split='train',
                 pipeline=train_pipeline))
