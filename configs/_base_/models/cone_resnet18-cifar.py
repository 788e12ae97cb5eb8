# CoNe with the CIFAR ResNet-18 (3x3 stem, no max-pool) for 32x32 images, CIFAR-100 (100
# classes) normalisation. [mmcontrast] choices (the paper's CIFAR recipe is not established by
# the spec): the ImageNet method constants, queue and k scaled with the data (K = 8192 ~ 16 % of
# the 50k training images, knn_k = K / 128 as 512 / 65536 on ImageNet).
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
