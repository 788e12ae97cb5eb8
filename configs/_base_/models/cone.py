# CoNe (Zheng et al., "CoNe: Contrast Your Neighbours for Supervised Image Classification",
# arXiv 2308.10761; official code mingkai-zheng/CoNe @4f96621) without sizes: the last ResNet
# stage, global pooling, CoNeHead (projector 4096 -> 256, classifier; cross-entropy, neighbour
# contrast with k=512 neighbours, distribution consistency), cosine-EMA key encoder and a queue
# with labels. A backbone base (cone_resnet50, cone_resnet18-cifar) sets the backbone type and
# depth, the classes, the head input, the queue size and the normalisation.
model = dict(
    type='CoNeClassifier',
    backbone=dict(
        num_stages=4,
        out_indices=(3, ),
        style='pytorch',  # torchvision layout: stride on the 3x3 conv
        zero_init_residual=False),  # no zero-init of the last BN gamma (mmpretrain default is True)
    neck=dict(type='GlobalAveragePooling'),
    head=dict(
        type='CoNeHead',
        hidden_channels=4096,  # max(2 * in, 4096)
        proj_dim=256,
        loss=dict(type='SmoothedCrossEntropyLoss', label_smoothing=0.),
        nb_loss=dict(  # knn_k, tau_nb, alpha_nb
            type='NeighbourContrastLoss', knn_k=512, temperature=0.1, loss_weight=0.7),
        dc_loss=dict(  # tau_dc, alpha_dc
            type='DistributionConsistencyLoss', temperature=0.07, loss_weight=0.4),
        topk=(1, 5)),
    momentum_rule=dict(type='CosineEMARule', momentum=0.004, end_momentum=0.),  # m: 0.996 -> 1
    neighbour_start_epoch=1,  # neighbour terms off for the first epoch (any GPU count)
    key_view='same',  # official: the key encoder sees the same augmented tensor
    prob_queue_init='uniform')  # official 'randn'; identical once the queue has been filled
