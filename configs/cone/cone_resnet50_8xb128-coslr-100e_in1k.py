# CoNe, ResNet-50, ImageNet-1k, 100 epochs, 8 GPUs x 128 = 1024 (spec §5, official recipe).
# Paper: Zheng et al., "CoNe: Contrast Your Neighbours for Supervised Image Classification",
# arXiv 2308.10761. Official code mingkai-zheng/CoNe @4f96621. Released ResNet-50: 78.7 top-1.
_base_ = ['mmpretrain::_base_/default_runtime.py']
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)

num_classes = 1000
data_preprocessor = dict(
    num_classes=num_classes,
    mean=[123.675, 116.28, 103.53],
    std=[58.395, 57.12, 57.375],
    to_rgb=True)
model = dict(
    type='CoNeClassifier',
    backbone=dict(
        type='ResNet',
        depth=50,
        num_stages=4,
        out_indices=(3, ),
        style='pytorch',  # torchvision layout: stride on the 3x3 conv
        zero_init_residual=False),  # no zero-init of the last BN gamma (mmpretrain default is True)
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='CoNeHead',
        num_classes=num_classes,
        in_channels=2048,
        hidden_channels=4096,  # max(2 * in, 4096)
        proj_dim=256,
        cls_input='projection',
        norm_cfg=dict(type='SyncBN'),  # the official projector BN is synchronised
        loss=dict(type='SmoothedCrossEntropyLoss', label_smoothing=0.),
        nb_loss=dict(  # knn_k, tau_nb, alpha_nb
            type='NeighbourContrastLoss', knn_k=512, temperature=0.1, loss_weight=0.7),
        dc_loss=dict(  # tau_dc, alpha_dc
            type='DistributionConsistencyLoss', temperature=0.07, loss_weight=0.4),
        topk=(1, 5)),
    queue_size=65536,
    momentum_rule=dict(type='CosineEMARule', momentum=0.004, end_momentum=0.),  # m: 0.996 -> 1
    neighbour_start_epoch=1,  # neighbour terms off for the first epoch (any GPU count)
    key_view='same',  # official: the key encoder sees the same augmented tensor
    prob_queue_init='uniform',  # official 'randn'; identical once the queue has been filled
    data_preprocessor=data_preprocessor)

# ---- data (mmpretrain ImageNet layout: data/imagenet/{train,val}, optional meta/*.txt) ----
dataset_type = 'ImageNet'
data_root = 'data/imagenet'
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='RandomResizedCrop', scale=224, crop_ratio_range=(0.08, 1.0),
         aspect_ratio_range=(3. / 4., 4. / 3.), interpolation='bilinear', backend='pillow'),
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='PackInputs'),
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='ResizeEdge', scale=256, edge='short', interpolation='bilinear', backend='pillow'),
    dict(type='CenterCrop', crop_size=224),
    dict(type='PackInputs'),
]
train_dataloader = dict(
    batch_size=128,
    num_workers=8,
    persistent_workers=True,
    pin_memory=True,
    drop_last=True,  # the queue needs a constant global batch (65536 % 1024 == 0)
    collate_fn=dict(type='default_collate'),
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(type=dataset_type, data_root=data_root, split='train', pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=128,
    num_workers=8,
    persistent_workers=True,
    pin_memory=True,
    collate_fn=dict(type='default_collate'),
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type=dataset_type, data_root=data_root, split='val', pipeline=test_pipeline))
val_evaluator = dict(type='Accuracy', topk=(1, 5))
test_dataloader = val_dataloader
test_evaluator = val_evaluator

# ---- schedule: SGD 0.4 (0.1 per 256), wd on every parameter, 5-epoch linear warm-up per
# iteration, then cosine stepped per epoch down to lr/1000; AMP; SyncBN everywhere ----
optim_wrapper = dict(
    type='AmpOptimWrapper',
    loss_scale='dynamic',
    optimizer=dict(type='SGD', lr=0.4, momentum=0.9, weight_decay=1e-4))
param_scheduler = [
    # mmengine's recursive LinearLR divides by start_factor, so it cannot start at exactly 0.
    dict(type='LinearLR', start_factor=1e-4, by_epoch=True, begin=0, end=5,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=95, eta_min=4e-4, by_epoch=True, begin=5, end=100),
]
train_cfg = dict(by_epoch=True, max_epochs=100, val_interval=1)
val_cfg = dict()
test_cfg = dict()
auto_scale_lr = dict(base_batch_size=1024)
sync_bn = 'torch'

# Neighbour terms off for the first epoch: model.neighbour_start_epoch=1 (in epochs, so the
# warm-up stays one epoch at any number of GPUs; was DenseCLHook(start_iters=1251)).
custom_hooks = []
default_hooks = dict(
    logger=dict(type='LoggerHook', interval=100),
    checkpoint=dict(type='CheckpointHook', interval=1, max_keep_ckpts=3,
                    save_best='accuracy/top1'))
