# CoNe (cone.py) with the CIFAR ResNet-18 (3x3 stem, no max-pool) for 32x32 images, CIFAR-100 (100
# classes) normalisation. [mmcontrast] choices (the paper's CIFAR recipe is not established by
# the spec): the ImageNet method constants, queue and k scaled with the data (K = 8192 ~ 16 % of
# the 50k training images, knn_k = K / 128 as 512 / 65536 on ImageNet).
_base_ = ['./cone.py']

num_classes = 100
model = dict(
    backbone=dict(type='ResNet_CIFAR', depth=18),
    head=dict(num_classes=num_classes, in_channels=512, nb_loss=dict(knn_k=64)),
    queue_size=8192,
    data_preprocessor=dict(
        num_classes=num_classes,
        mean=[129.304, 124.070, 112.434],
        std=[68.170, 65.392, 70.418],
        to_rgb=False))
