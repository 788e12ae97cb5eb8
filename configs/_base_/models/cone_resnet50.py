# CoNe (Zheng et al., "CoNe: Contrast Your Neighbours for Supervised Image Classification",
# arXiv 2308.10761; official code mingkai-zheng/CoNe @4f96621): ResNet-50 + CoNeHead (projector
# and classifier on the projection), cosine-EMA key encoder, queue of 65536 with labels, k=512
# neighbours; ImageNet-1k (1000 classes) normalisation.
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
