# AgeCL on an ImageNet-initialised ResNet-50, DEX over ages 0..100 with an L1 loss on the
# expected age.
_base_ = ['./agecl.py']

model = dict(
    backbone=dict(
        type='ResNet',
        depth=50,
        init_cfg=dict(
            type='Pretrained',
            checkpoint='https://download.openmmlab.com/mmclassification/v0/resnet/'
            'resnet50_8xb32_in1k_20210831-ea4938fc.pth',
            prefix='backbone')),
    head=dict(
        in_channels=2048,
        num_bins=101,  # DEX over ages 0..100
        reg_loss='l1',  # options: 'ce_soft' (sigma 2), 'mean_variance'
        soft_sigma=2.0),
    in_batch_mining=False,  # option: P x K sampler + in-batch mining (see -inbatch config)
    data_preprocessor=dict(
        mean=[123.675, 116.28, 103.53], std=[58.395, 57.12, 57.375], to_rgb=True))
