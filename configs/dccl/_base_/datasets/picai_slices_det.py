# PI-CAI slices for lesion detection (downstream B, spec §2): boxes = connected lesion
# components per slice; case score = max box score (BinaryAUC, root registry).
dataset_type = 'PICAISliceDetDataset'
data_root = 'data/picai/slices_128/'
fold = 0
img_scale = (128, 128)
meta_keys = ('img_id', 'img_path', 'ori_shape', 'img_shape', 'scale_factor', 'flip',
             'flip_direction', 'case_id', 'case_label', 'lesion')
train_pipeline = [
    dict(type='LoadNpySlice'),
    dict(type='LoadAnnotations', with_bbox=True),
    dict(type='Resize', scale=img_scale, keep_ratio=True),
    dict(type='RandomFlip', prob=0.5),
    dict(type='PackDetInputs', meta_keys=meta_keys),
]
test_pipeline = [
    dict(type='LoadNpySlice'),
    dict(type='Resize', scale=img_scale, keep_ratio=True),
    dict(type='LoadAnnotations', with_bbox=True),
    dict(type='PackDetInputs', meta_keys=meta_keys),
]
train_dataloader = dict(
    batch_size=16, num_workers=4, persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    batch_sampler=dict(type='AspectRatioBatchSampler'),
    dataset=dict(type=dataset_type, data_root=data_root, ann_file='annotations.json',
                 data_prefix=dict(img='slices'), filter_cfg=dict(filter_empty_gt=False),
                 folds=[f for f in range(5) if f != fold], drop_unknown_lesion=True,
                 pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=16, num_workers=4, persistent_workers=True, drop_last=False,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type=dataset_type, data_root=data_root, ann_file='annotations.json',
                 data_prefix=dict(img='slices'), folds=[fold], test_mode=True,
                 pipeline=test_pipeline))
test_dataloader = val_dataloader
val_evaluator = dict(type='BinaryAUC', aggregation='max')
test_evaluator = val_evaluator
