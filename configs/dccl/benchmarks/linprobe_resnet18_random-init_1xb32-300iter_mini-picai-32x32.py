# Tiny linear probe on a randomly initialised (frozen) ResNet-18: the floor for the
# pretrained probes (same data, schedule and seed).
_base_ = './linprobe_resnet18_dccl-pre_1xb32-300iter_mini-picai-32x32.py'
model = dict(backbone=dict(init_cfg=None))
