# PI-CAI slices for the slice classifier (downstream A, spec §2): slice label = lesion on the
# slice, case score = max slice probability (BinaryAUC). Train on 4 folds, validate on `fold`.
dataset_type = 'PICAISliceDataset'
data_root = 'data/picai/slices_128/'
fold = 0
crop = 128
meta_keys = ('img_path', 'case_id', 'case_label', 'lesion')
train_pipeline = [
    dict(type='LoadNpySlice'),
    dict(type='RandomResizedCrop', scale=crop, crop_ratio_range=(0.5, 1.0), backend='cv2'),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='Rotate', magnitude_range=(0, 15), magnitude_std='inf', prob=1.0,
         random_negative_prob=0.5, pad_val=0, interpolation='bilinear'),
    dict(type='RandomIntensityScaleShift', scale=0.1, shift=0.1),
    dict(type='PackInputs', meta_keys=meta_keys),
]
test_pipeline = [dict(type='LoadNpySlice'), dict(type='PackInputs', meta_keys=meta_keys)]
train_dataloader = dict(
    batch_size=64, num_workers=4, persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(type=dataset_type, data_root=data_root, ann_file='annotations.json',
                 data_prefix=dict(img_path='slices'),
                 folds=[f for f in range(5) if f != fold], drop_unknown_lesion=True,
                 pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=64, num_workers=4, persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='default_collate'),
    dataset=dict(type=dataset_type, data_root=data_root, ann_file='annotations.json',
                 data_prefix=dict(img_path='slices'), folds=[fold],
                 pipeline=test_pipeline))
test_dataloader = val_dataloader
val_evaluator = dict(type='BinaryAUC', aggregation='max')
test_evaluator = val_evaluator
