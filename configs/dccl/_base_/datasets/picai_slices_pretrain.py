# PI-CAI slices for contrastive pretraining (spec §4): 128x128 views, MRI augmentations,
# metadata (meta_label, meta_conf) packed for the conditional head. Data from
#   python tools/dataset_converters/picai_to_slices.py data/picai data/picai/slices_128
# `fold` is the held-out fold (pretraining sees the other four).
dataset_type = 'PICAISliceDataset'
data_root = 'data/picai/slices_128/'
fold = 0
crop = 128
view_pipeline = [
    dict(type='RandomResizedCrop', scale=crop, crop_ratio_range=(0.5, 1.0), backend='cv2'),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='Rotate', magnitude_range=(0, 15), magnitude_std='inf', prob=1.0,
         random_negative_prob=0.5, pad_val=0, interpolation='bilinear'),
    dict(type='RandomIntensityScaleShift', scale=0.1, shift=0.1),
    dict(type='RandomGaussianNoise', sigma=0.05),
]
train_pipeline = [
    dict(type='LoadNpySlice'),
    dict(type='MultiView', num_views=2, transforms=[view_pipeline]),
    dict(type='PackInputs', algorithm_keys=('meta_label', 'meta_conf'),
         meta_keys=('img_path', 'case_id')),
]
train_dataloader = dict(
    batch_size=64, num_workers=4, persistent_workers=True, drop_last=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(type=dataset_type, data_root=data_root, ann_file='annotations.json',
                 data_prefix=dict(img_path='slices'),
                 folds=[f for f in range(5) if f != fold],
                 reports_file=None,  # or '../metadata/pirads_reports.json' to recompute
                 confidence=dict(mode='paper', eps=0.1),
                 pipeline=train_pipeline))
