# CoNe on CIFAR-100 with the CIFAR ResNet-18 (3x3 stem, no max-pool), 1 GPU x 128.
# The paper's CIFAR recipe is not established by the spec ([unknown]); these are
# [mmcontrast] choices: the ImageNet method constants, queue and k scaled with the data
# (K = 8192 ~ 16 % of the 50k training images, knn_k = K / 128 as 512 / 65536 on ImageNet),
# SGD 0.1 / wd 5e-4 with a 5-epoch warm-up and per-epoch cosine over 200 epochs.
_base_ = [
    'mmpretrain::_base_/datasets/cifar100_bs16.py',
    'mmpretrain::_base_/default_runtime.py',
]
custom_imports = dict(imports=['mmcontrast.pretrain'], allow_failed_imports=False)

num_classes = 100
model = dict(
    type='CoNeClassifier',
    backbone=dict(
        type='ResNet_CIFAR',
        depth=18,
        num_stages=4,
        out_indices=(3, ),
        style='pytorch',
        zero_init_residual=False),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='CoNeHead',
        num_classes=num_classes,
        in_channels=512,
        hidden_channels=4096,
        proj_dim=256,
        loss=dict(type='SmoothedCrossEntropyLoss', label_smoothing=0.),
        nb_loss=dict(  # knn_k, tau_nb, alpha_nb
            type='NeighbourContrastLoss', knn_k=64, temperature=0.1, loss_weight=0.7),
        dc_loss=dict(  # tau_dc, alpha_dc
            type='DistributionConsistencyLoss', temperature=0.07, loss_weight=0.4),
        topk=(1, 5)),
    queue_size=8192,
    momentum_rule=dict(type='CosineEMARule', momentum=0.004, end_momentum=0.),  # m: 0.996 -> 1
    neighbour_start_epoch=1,  # neighbour terms off for the first epoch (any GPU count)
    key_view='same',
    prob_queue_init='uniform',
    data_preprocessor=dict(
        num_classes=num_classes,
        mean=[129.304, 124.070, 112.434],
        std=[68.170, 65.392, 70.418],
        to_rgb=False))

train_dataloader = dict(
    batch_size=128,
    num_workers=4,
    drop_last=True,  # 8192 % 128 == 0
    collate_fn=dict(type='default_collate'))
val_dataloader = dict(batch_size=128, num_workers=4, collate_fn=dict(type='default_collate'))
test_dataloader = val_dataloader
val_evaluator = dict(type='Accuracy', topk=(1, 5))
test_evaluator = val_evaluator

optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='SGD', lr=0.1, momentum=0.9, weight_decay=5e-4))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-4, by_epoch=True, begin=0, end=5,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=195, eta_min=1e-4, by_epoch=True, begin=5, end=200),
]
train_cfg = dict(by_epoch=True, max_epochs=200, val_interval=5)
val_cfg = dict()
test_cfg = dict()
auto_scale_lr = dict(base_batch_size=128)

# Neighbour terms off for the first epoch: model.neighbour_start_epoch=1 (in epochs).
custom_hooks = []
default_hooks = dict(
    checkpoint=dict(type='CheckpointHook', interval=5, max_keep_ckpts=3,
                    save_best='accuracy/top1'))
