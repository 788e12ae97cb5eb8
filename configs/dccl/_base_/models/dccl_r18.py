# DCCL pretraining model (spec §2): ResNet-18 (3-channel T2W/ADC/HBV slices), non-linear neck
# avg-pool -> Linear(512, 2048) -> BN -> ReLU -> Linear(2048, 128), conditional head with the
# confidence-conditional alignment + decoupled uniformity loss (§3 b; code defaults t = 1).
model = dict(
    type='DecoupledCCL',
    data_preprocessor=dict(
        type='SelfSupDataPreprocessor', mean=[0., 0., 0.], std=[1., 1., 1.], to_rgb=False),
    backbone=dict(type='ResNet', depth=18, in_channels=3, out_indices=(3, ),
                  norm_cfg=dict(type='BN'), zero_init_residual=True),
    neck=dict(type='NonLinearNeck', in_channels=512, hid_channels=2048, out_channels=128,
              num_layers=2, with_last_bn=False, with_avg_pool=True,
              norm_cfg=dict(type='BN1d')),  # plain BN: also on CPU/gloo (use SyncBN on multi-GPU)
    head=dict(
        type='ConditionalContrastiveHead',
        conditional=True,
        loss=dict(type='ConfidenceAlignUniformLoss', t=1.0, l_alignment=1.0, l_uniform=1.0,
                  confidence_mode='paper', conditional_uniformity=False, gather=False)))
