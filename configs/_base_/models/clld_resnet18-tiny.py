# Tiny CLLD for CPU runs: ResNet-18 with plain BN, projection 512 -> 256 -> 128, 4x4 feature grid
# of 112x112 views (α=3 still fits); otherwise clld_resnet50.py.
_base_ = './clld_resnet50.py'
model = dict(
    backbone=dict(depth=18, norm_cfg=dict(type='BN')),
    neck=dict(in_channels=512, hid_channels=256, out_channels=128, norm_cfg=dict(type='BN')),
    ppm=dict(channels=128),
    xsim_loss=dict(feat_size=(4, 4)))
