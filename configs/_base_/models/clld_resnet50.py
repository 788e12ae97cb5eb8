# CLLD (arXiv 2308.08242) model: ResNet-50 online/target encoders, dense projection, PPM.
model = dict(
    type='CLLD',
    base_momentum=0.01,  # mmengine convention: keep 0.99 at the start ...
    end_momentum=0.,     # ... and 1.0 at the end (CosineEMA over all iterations)
    pos_threshold=0.7,
    data_preprocessor=dict(
        type='SelfSupDataPreprocessor',
        mean=[123.675, 116.28, 103.53],
        std=[58.395, 57.12, 57.375],
        to_rgb=True),
    backbone=dict(
        type='ResNet',
        depth=50,
        out_indices=(3, ),
        norm_cfg=dict(type='SyncBN'),
        zero_init_residual=False),
    neck=dict(
        type='DenseProjectionNeck',
        in_channels=2048,
        hid_channels=2048,
        out_channels=256,
        norm_cfg=dict(type='SyncBN')),
    ppm=dict(type='PixelPropagation', channels=256, gamma=2.0),
    consistency_loss=dict(type='PixelConsistencyLoss', loss_weight=1.0),  # λ
    xsim_loss=dict(type='CrossSimilarityLoss', alpha=3, scale=0.001, loss_weight=2.0,  # β
                   feat_size=(7, 7)),
    instance_loss=dict(type='SpatialCosineLoss', loss_weight=1.0))  # ξ
