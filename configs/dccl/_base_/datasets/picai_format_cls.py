# Loaders of the PI-CAI slice layout for the slice classifier (downstream A, spec §2; no data root
# or training pipeline here): slice label = lesion on the slice, case score = max slice
# probability (BinaryAUC). Train on 4 folds, validate on `fold`. A dataset base
# (picai_slices_cls, mini_picai_cls) sets data_root, the training pipeline and the batch sizes.
dataset_type = 'PICAISliceDataset'
fold = 0
meta_keys = ('img_path', 'case_id', 'case_label', 'lesion')
test_pipeline = [dict(type='LoadNpySlice'), dict(type='PackInputs', meta_keys=meta_keys)]
train_dataloader = dict(
    batch_size=64, num_workers=4, persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(type=dataset_type, ann_file='annotations.json',
                 data_prefix=dict(img_path='slices'),
                 folds=[f for f in range(5) if f != fold], drop_unknown_lesion=True))
val_dataloader = dict(
    batch_size=64, num_workers=4, persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='default_collate'),
    dataset=dict(type=dataset_type, ann_file='annotations.json',
                 data_prefix=dict(img_path='slices'), folds=[fold],
                 pipeline=test_pipeline))
test_dataloader = val_dataloader
val_evaluator = dict(type='BinaryAUC', aggregation='max')
test_evaluator = val_evaluator
