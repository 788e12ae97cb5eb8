# Age (AgeCL) on MORPH-II, joint schedule: L = L_reg + 1.0*L_cos + 1.0*L_tri (age.md §3, §5).
# RECONSTRUCTION: no official code exists; every choice below is an mmcontrast option.
# Protocol: P1 = random 80/20 split BY IMAGE (identities leak across the split), seed 0 of 5
# (report mean +- std over seeds 0..4 by overriding `protocol_seed`); P2 (subject-exclusive)
# is `agecl_resnet50_1xb64-60e_morph2-p2.py`. Annotations from
# `tools/dataset_converters/morph2_to_json.py <csv> --root data/morph2 --protocol P1`, faces
# aligned offline by `tools/dataset_converters/align_faces.py` (MTCNN, 224x224, ~40% margin).
_base_ = ['mmpretrain::_base_/default_runtime.py']
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)

protocol = 'p1'
protocol_seed = 0
model = dict(
    type='AgeEstimator',
    backbone=dict(
        type='ResNet',
        depth=50,
        num_stages=4,
        out_indices=(3, ),
        style='pytorch',
        init_cfg=dict(
            type='Pretrained',
            checkpoint='https://download.openmmlab.com/mmclassification/v0/resnet/'
            'resnet50_8xb32_in1k_20210831-ea4938fc.pth',
            prefix='backbone')),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='AgeContrastHead',
        in_channels=2048,
        hidden_channels=512,
        embed_dim=128,
        num_bins=101,  # DEX over ages 0..100
        min_age=0,
        reg_type='dex',  # option: 'linear'
        reg_input='feature',  # option: 'embedding'
        reg_loss='l1',  # options: 'ce_soft' (sigma 2), 'mean_variance'
        soft_sigma=2.0,
        reg_weight=1.0,
        cos_weight=1.0,
        tri_weight=1.0,
        margin=0.2,
        distance='euclidean'),  # option: 'cosine'
    in_batch_mining=False,  # option: P x K sampler + in-batch mining (see -inbatch config)
    data_preprocessor=dict(
        mean=[123.675, 116.28, 103.53], std=[58.395, 57.12, 57.375], to_rgb=True))

data_root = 'data/morph2'
pack = dict(type='PackInputs', algorithm_keys=('gt_age', 'subject_id'))
train_pipeline = [
    dict(type='LoadImageFromFile', imdecode_backend='cv2'),
    dict(type='RandomResizedCrop', scale=224, crop_ratio_range=(0.8, 1.0)),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='ColorJitter', brightness=0.2, contrast=0.2, saturation=0.2),
    # mmpretrain's Rotate turns by +-angle (random sign), not uniformly in [-10, 10].
    dict(type='Rotate', angle=10.0, prob=0.5, random_negative_prob=0.5),
    pack,
]
test_pipeline = [
    dict(type='LoadImageFromFile', imdecode_backend='cv2'),
    dict(type='Resize', scale=(224, 224)),
    pack,
]
train_dataloader = dict(
    batch_size=64,  # 64 triplets = 192 images in one forward
    num_workers=8,
    persistent_workers=False,  # workers must see the per-epoch (seed, epoch) re-draw
    drop_last=True,
    collate_fn=dict(type='age_triplet_collate'),
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        type='AgeTripletDataset',
        seed=0,
        delta_pos=0,
        delta_neg=5,
        neg_mode='same_subject_then_any',  # options: 'same_subject_only', 'any'
        dataset=dict(
            type='FaceAgeDataset',
            data_root=data_root,
            ann_file=f'annotations/{protocol}_seed{protocol_seed}_train.json',
            data_prefix=dict(img_path='aligned'),
            pipeline=train_pipeline)))
val_dataloader = dict(
    batch_size=128,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type='FaceAgeDataset',
        data_root=data_root,
        ann_file=f'annotations/{protocol}_seed{protocol_seed}_test.json',
        data_prefix=dict(img_path='aligned'),
        pipeline=test_pipeline))
val_evaluator = [dict(type='AgeMAE'), dict(type='CumulativeScore', thetas=tuple(range(11)))]
test_dataloader = val_dataloader
test_evaluator = val_evaluator

optim_wrapper = dict(
    type='AmpOptimWrapper',
    optimizer=dict(type='AdamW', lr=1e-4, weight_decay=1e-4),
    paramwise_cfg=dict(custom_keys={'head': dict(lr_mult=10.0)}))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0, end=3,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=57, eta_min=1e-6, by_epoch=True, begin=3, end=60,
         convert_to_iter_based=True),
]
train_cfg = dict(by_epoch=True, max_epochs=60, val_interval=5)
val_cfg = dict()
test_cfg = dict()
auto_scale_lr = dict(base_batch_size=64)

custom_hooks = [dict(type='AgeTripletEpochHook')]
default_hooks = dict(
    checkpoint=dict(type='CheckpointHook', interval=5, max_keep_ckpts=2, save_best='age/mae',
                    rule='less'))
