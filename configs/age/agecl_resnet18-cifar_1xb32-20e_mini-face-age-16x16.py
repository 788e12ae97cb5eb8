# Age (AgeCL) tiny config: joint schedule (L_reg + L_cos + L_tri) on the mini face-age set
# (data/mini/face_age: 20 synthetic writers x digit "ages" 0-9, FG-NET file layout, 64x64
# JPEGs; writers 1-14 train, 15-20 test; `python tools/dataset_converters/make_mini_datasets.py
# face_age`). Plumbing only, not evidence about faces.
# [mmcontrast] CPU-size choices, not the method's: ResNet_CIFAR-18 at quarter width (base 16),
# 16x16 input (the digits are 8x8 at source), projector 512->128, DEX over 10 bins (ages 0..9), no flip (digits are not
# mirror-symmetric), 20 epochs, lr 5e-3. Every method choice is a reconstruction (see README.md).
_base_ = ['mmpretrain::_base_/default_runtime.py']
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)

model = dict(
    type='AgeEstimator',
    backbone=dict(
        type='ResNet_CIFAR',
        depth=18,
        stem_channels=16,
        base_channels=16,
        num_stages=4,
        out_indices=(3, ),
        style='pytorch'),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='AgeContrastHead',
        in_channels=128,
        hidden_channels=512,
        embed_dim=128,
        num_bins=10,
        min_age=0,
        reg_type='dex',
        reg_input='feature',
        reg_loss='ce_soft',  # faster to train at CPU size than 'l1' (both options)
        soft_sigma=1.0,
        reg_weight=1.0,
        cos_weight=1.0,
        tri_weight=1.0,
        margin=0.2,
        distance='euclidean'),
    data_preprocessor=dict(
        mean=[127.5, 127.5, 127.5], std=[127.5, 127.5, 127.5], to_rgb=True))

data_root = 'data/mini/face_age'
pack = dict(type='PackInputs', algorithm_keys=('gt_age', 'subject_id'))
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='RandomResizedCrop', scale=16, crop_ratio_range=(0.8, 1.0)),
    pack,
]
test_pipeline = [dict(type='LoadImageFromFile'), dict(type='Resize', scale=(16, 16)), pack]
face_train = dict(
    type='FaceAgeDataset',
    data_root=data_root,
    ann_file='annotations/train.json',
    data_prefix=dict(img_path='images'),
    pipeline=train_pipeline)
train_dataloader = dict(
    batch_size=32,  # triplets: 96 images in one forward
    num_workers=0,
    persistent_workers=False,  # workers must see the per-epoch re-draw
    drop_last=True,
    collate_fn=dict(type='age_triplet_collate'),
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        type='AgeTripletDataset',
        dataset=face_train,
        seed=0,
        delta_pos=0,
        delta_neg=5,
        neg_mode='same_subject_then_any'))
val_dataloader = dict(
    batch_size=64,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type='FaceAgeDataset',
        data_root=data_root,
        ann_file='annotations/test.json',
        data_prefix=dict(img_path='images'),
        pipeline=test_pipeline))
val_evaluator = [dict(type='AgeMAE'), dict(type='CumulativeScore', thetas=tuple(range(11)))]
test_dataloader = val_dataloader
test_evaluator = val_evaluator

optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='AdamW', lr=5e-3, weight_decay=1e-4),
    paramwise_cfg=dict(custom_keys={'head': dict(lr_mult=1.0)}))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=True, begin=0, end=1,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=19, eta_min=1e-5, by_epoch=True, begin=1, end=20,
         convert_to_iter_based=True),
]
train_cfg = dict(by_epoch=True, max_epochs=20, val_interval=20)
val_cfg = dict()
test_cfg = dict()

custom_hooks = [dict(type='AgeTripletEpochHook')]
default_hooks = dict(
    logger=dict(type='LoggerHook', interval=5),
    checkpoint=dict(type='CheckpointHook', interval=20, max_keep_ckpts=1))
env_cfg = dict(dist_cfg=dict(backend='gloo'))
randomness = dict(seed=0, deterministic=False)
