# Loaders of the PI-CAI slice layout for lesion detection (downstream B, spec §2; no data root or
# pipeline here): boxes = connected lesion components per slice; case score = max box score
# (BinaryAUC, root registry). A dataset base (picai_slices_det, mini_picai_det) sets data_root,
# the pipelines (these steps plus a resize to its scale) and the batch sizes.
dataset_type = 'PICAISliceDetDataset'
fold = 0
meta_keys = ('img_id', 'img_path', 'ori_shape', 'img_shape', 'scale_factor', 'flip',
             'flip_direction', 'case_id', 'case_label', 'lesion')
load_slice = dict(type='LoadNpySlice')
load_boxes = dict(type='LoadAnnotations', with_bbox=True)
flip = dict(type='RandomFlip', prob=0.5)
pack = dict(type='PackDetInputs', meta_keys=meta_keys)
train_dataloader = dict(
    batch_size=16, num_workers=4, persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    batch_sampler=dict(type='AspectRatioBatchSampler'),
    dataset=dict(type=dataset_type, ann_file='annotations.json',
                 data_prefix=dict(img='slices'), filter_cfg=dict(filter_empty_gt=False),
                 folds=[f for f in range(5) if f != fold], drop_unknown_lesion=True))
val_dataloader = dict(
    batch_size=16, num_workers=4, persistent_workers=True, drop_last=False,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type=dataset_type, ann_file='annotations.json',
                 data_prefix=dict(img='slices'), folds=[fold], test_mode=True))
test_dataloader = val_dataloader
val_evaluator = dict(type='BinaryAUC', aggregation='max')
test_evaluator = val_evaluator
