# CoNe, ResNet-18, ImageNet-1k: the ResNet-50 recipe with in = 512 (H = max(2*512, 4096) = 4096).
_base_ = './cone_resnet50_8xb128-coslr-100e_in1k.py'

model = dict(
    backbone=dict(depth=18),
    head=dict(in_channels=512, hidden_channels=4096))
