# Mini PI-CAI slices (32x32) for the slice classifier; loaders in picai_format_cls.py. Linear-probe
# augmentation only (flip): random 0.5-1 crops of 32x32 slices cut the digits' lesions.
_base_ = ['./picai_format_cls.py']
data_root = 'data/mini/picai/slices/'
crop = 32
train_pipeline = [
    dict(type='LoadNpySlice'),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='PackInputs', meta_keys=('img_path', 'case_id', 'case_label', 'lesion')),
]
train_dataloader = dict(batch_size=32, num_workers=0, persistent_workers=False,
                        dataset=dict(data_root=data_root, pipeline=train_pipeline))
val_dataloader = dict(batch_size=64, num_workers=0, persistent_workers=False,
                      dataset=dict(data_root=data_root))
test_dataloader = val_dataloader
