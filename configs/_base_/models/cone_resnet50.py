# CoNe on ImageNet-1k (the official recipe; method in cone.py): ResNet-50, classifier on the
# projection, synchronised projector BN, queue of 65536 with labels, k=512 neighbours;
# ImageNet-1k (1000 classes) normalisation.
_base_ = ['./cone.py']

num_classes = 1000
data_preprocessor = dict(
    num_classes=num_classes,
    mean=[123.675, 116.28, 103.53],
    std=[58.395, 57.12, 57.375],
    to_rgb=True)
model = dict(
    backbone=dict(type='ResNet', depth=50),
    head=dict(
        num_classes=num_classes,
        in_channels=2048,
        cls_input='projection',
        norm_cfg=dict(type='SyncBN')),  # the official projector BN is synchronised
    queue_size=65536,
    data_preprocessor=data_preprocessor)
