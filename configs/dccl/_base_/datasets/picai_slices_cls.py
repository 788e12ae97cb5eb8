# PI-CAI slices (128x128) for the slice classifier; loaders in picai_format_cls.py. Random
# 0.5-1 crops, flip, +-15 degree rotation, intensity scale/shift; batch 64, 4 workers.
_base_ = ['./picai_format_cls.py']
data_root = 'data/picai/slices_128/'
crop = 128
train_pipeline = [
    dict(type='LoadNpySlice'),
    dict(type='RandomResizedCrop', scale=crop, crop_ratio_range=(0.5, 1.0), backend='cv2'),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='Rotate', magnitude_range=(0, 15), magnitude_std='inf', prob=1.0,
         random_negative_prob=0.5, pad_val=0, interpolation='bilinear'),
    dict(type='RandomIntensityScaleShift', scale=0.1, shift=0.1),
    dict(type='PackInputs', meta_keys={{_base_.meta_keys}}),
]
train_dataloader = dict(dataset=dict(data_root=data_root, pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(data_root=data_root))
test_dataloader = val_dataloader
