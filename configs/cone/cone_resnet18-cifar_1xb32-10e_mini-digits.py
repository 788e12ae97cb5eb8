# CoNe tiny config: trains in minutes on 2 CPU cores on the mini digits set
# (data/mini/digits: scikit-learn's 8x8 digits upsampled to 32x32 JPEGs in the ImageNet
# folder layout, 1437 train / 360 val, 10 classes; generate with
# `python tools/dataset_converters/make_mini_datasets.py`).
# [mmcontrast] CPU-size choices, not the paper's: images resized back to their source
# resolution 8x8 (nothing is lost), ResNet_CIFAR-18 at quarter width (base 16), projector
# H=512 / dim 128, queue K=256 (divisible by the batch 32), knn_k=64; the neighbour terms
# start after one epoch (44 iterations) as in the paper.
_base_ = ['mmpretrain::_base_/default_runtime.py']
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)

num_classes = 10
data_preprocessor = dict(
    num_classes=num_classes,
    mean=[127.5, 127.5, 127.5],
    std=[127.5, 127.5, 127.5],
    to_rgb=True)
model = dict(
    type='CoNeClassifier',
    backbone=dict(
        type='ResNet_CIFAR',
        depth=18,
        stem_channels=16,
        base_channels=16,
        num_stages=4,
        out_indices=(3, ),
        style='pytorch',
        zero_init_residual=False),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='CoNeHead',
        num_classes=num_classes,
        in_channels=128,
        hidden_channels=512,
        proj_dim=128,
        label_smoothing=0.,
        topk=(1, 5)),
    queue_size=256,
    knn_k=64,
    tau_nb=0.1,
    tau_dc=0.07,
    alpha_nb=0.7,
    alpha_dc=0.4,
    ema_type='cosine',
    base_momentum=0.004,
    end_momentum=0.,
    key_view='same',
    prob_queue_init='uniform',
    data_preprocessor=data_preprocessor)

# ---- data: mmpretrain CustomDataset on the ImageNet-style folders + meta/*.txt ----
dataset_type = 'CustomDataset'
data_root = 'data/mini/digits'
classes = tuple(str(i) for i in range(num_classes))
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=(8, 8)),
    dict(type='RandomCrop', crop_size=8, padding=1),
    dict(type='PackInputs'),
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=(8, 8)),
    dict(type='PackInputs'),
]
train_dataloader = dict(
    batch_size=32,
    num_workers=0,
    drop_last=True,  # the queue needs a constant global batch
    collate_fn=dict(type='default_collate'),
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        data_prefix='train',
        ann_file='meta/train.txt',
        metainfo=dict(classes=classes),
        pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=64,
    num_workers=0,
    collate_fn=dict(type='default_collate'),
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        data_prefix='val',
        ann_file='meta/val.txt',
        metainfo=dict(classes=classes),
        pipeline=test_pipeline))
val_evaluator = dict(type='Accuracy', topk=(1, 5))
test_dataloader = val_dataloader
test_evaluator = val_evaluator

# ---- schedule: the paper's shape (SGD, linear warm-up, per-epoch cosine) at CPU size ----
iters_per_epoch = 1437 // 32  # 44 with drop_last
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='SGD', lr=0.05, momentum=0.9, weight_decay=1e-4))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-2, by_epoch=True, begin=0, end=1,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=9, eta_min=5e-5, by_epoch=True, begin=1, end=10),
]
train_cfg = dict(by_epoch=True, max_epochs=10, val_interval=5)
val_cfg = dict()
test_cfg = dict()

# CE-only warm-up for the first epoch: mmpretrain's DenseCLHook drives model.loss_lambda.
custom_hooks = [dict(type='DenseCLHook', start_iters=iters_per_epoch)]
default_hooks = dict(
    logger=dict(type='LoggerHook', interval=10),
    checkpoint=dict(type='CheckpointHook', interval=5, max_keep_ckpts=1,
                    save_best='accuracy/top1'))
env_cfg = dict(dist_cfg=dict(backend='gloo'))
randomness = dict(seed=0, deterministic=False)
