# Loaders of the PI-CAI slice layout for contrastive pretraining (spec §4; no data root or
# pipeline here): metadata (meta_label, meta_conf) for the conditional head, confidences as the
# paper. `fold` is the held-out fold (pretraining sees the other four). A dataset base
# (picai_slices_pretrain, mini_picai_pretrain) sets data_root, the view crop and the batch size.
dataset_type = 'PICAISliceDataset'
fold = 0
# MRI view augmentations after the random crop (flip, +-15 degree rotation, intensity, noise).
mri_augment = [
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='Rotate', magnitude_range=(0, 15), magnitude_std='inf', prob=1.0,
         random_negative_prob=0.5, pad_val=0, interpolation='bilinear'),
    dict(type='RandomIntensityScaleShift', scale=0.1, shift=0.1),
    dict(type='RandomGaussianNoise', sigma=0.05),
]
pack = dict(type='PackInputs', algorithm_keys=('meta_label', 'meta_conf'),
            meta_keys=('img_path', 'case_id'))
train_dataloader = dict(
    batch_size=64, num_workers=4, persistent_workers=True, drop_last=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(type=dataset_type, ann_file='annotations.json',
                 data_prefix=dict(img_path='slices'),
                 folds=[f for f in range(5) if f != fold],
                 reports_file=None,  # or '../metadata/pirads_reports.json' to recompute
                 confidence=dict(mode='paper', eps=0.1)))
