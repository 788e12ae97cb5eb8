# Mini PI-CAI slices for lesion detection, resized 32 -> 64 (RetinaNet strides 8-128); loaders
# in picai_format_det.py.
_base_ = ['./picai_format_det.py']
data_root = 'data/mini/picai/slices/'
img_scale = (64, 64)
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
train_dataloader = dict(batch_size=8, num_workers=0, persistent_workers=False,
                        dataset=dict(data_root=data_root, pipeline=train_pipeline))
val_dataloader = dict(batch_size=16, num_workers=0, persistent_workers=False,
                      dataset=dict(data_root=data_root, pipeline=test_pipeline))
test_dataloader = val_dataloader
