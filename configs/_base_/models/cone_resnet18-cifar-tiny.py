# Tiny CoNe for CPU runs ([mmcontrast] choices, not the paper's): ResNet_CIFAR-18 at quarter
# width (base 16), projector H=512 / dim 128, queue K=256, knn_k=64, 10 classes, inputs scaled to
# [-1, 1]; otherwise cone_resnet18-cifar.py.
_base_ = './cone_resnet18-cifar.py'
num_classes = 10
data_preprocessor = dict(
    num_classes=num_classes,
    mean=[127.5, 127.5, 127.5],
    std=[127.5, 127.5, 127.5],
    to_rgb=True)
model = dict(
    backbone=dict(stem_channels=16, base_channels=16),
    head=dict(num_classes=num_classes, in_channels=128, hidden_channels=512, proj_dim=128),
    queue_size=256,
    data_preprocessor=data_preprocessor)
