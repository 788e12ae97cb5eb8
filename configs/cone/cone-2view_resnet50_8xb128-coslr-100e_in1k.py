# CoNe variant (not the official behaviour): the key encoder sees a second, independently
# augmented view (MoCo-style MultiView(2)) instead of the query tensor itself (spec §7.1).
_base_ = './cone_resnet50_8xb128-coslr-100e_in1k.py'

view_pipeline = [
    dict(type='RandomResizedCrop', scale=224, crop_ratio_range=(0.08, 1.0),
         aspect_ratio_range=(3. / 4., 4. / 3.), interpolation='bilinear', backend='pillow'),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
]
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='MultiView', num_views=2, transforms=[view_pipeline]),
    dict(type='PackInputs'),
]
model = dict(
    key_view='second',
    # ClsDataPreprocessor takes one tensor per image; this one also takes lists of views.
    data_preprocessor=dict(
        _delete_=True,
        type='SelfSupDataPreprocessor',
        mean=[123.675, 116.28, 103.53],
        std=[58.395, 57.12, 57.375],
        to_rgb=True))
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
