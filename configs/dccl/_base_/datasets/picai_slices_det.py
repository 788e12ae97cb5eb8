# PI-CAI slices (128x128) for lesion detection; loaders in picai_format_det.py.
_base_ = ['./picai_format_det.py']
data_root = 'data/picai/slices_128/'
img_scale = (128, 128)
train_pipeline = [
    dict(type='LoadNpySlice'),
    dict(type='LoadAnnotations', with_bbox=True),
    dict(type='Resize', scale=img_scale, keep_ratio=True),
    dict(type='RandomFlip', prob=0.5),
    {{_base_.pack}},
]
test_pipeline = [
    dict(type='LoadNpySlice'),
    dict(type='Resize', scale=img_scale, keep_ratio=True),
    dict(type='LoadAnnotations', with_bbox=True),
    {{_base_.pack}},
]
train_dataloader = dict(dataset=dict(data_root=data_root, pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(data_root=data_root, pipeline=test_pipeline))
test_dataloader = val_dataloader
