# CLLD α=3, ResNet-18 (BasicBlock: 512 output channels), ImageNet-1k, 100 epochs.
_base_ = './clld_resnet50_8xb128-coslr-100e_in1k.py'
model = dict(backbone=dict(depth=18), neck=dict(in_channels=512))
