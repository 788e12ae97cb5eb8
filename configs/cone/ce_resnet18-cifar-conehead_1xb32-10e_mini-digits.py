# Cross-entropy baseline of the CoNe tiny config: the same network (ResNet_CIFAR-18 at
# quarter width + CoNeHead), data, schedule and seed, trained with cross-entropy only.
_base_ = './cone_resnet18-cifar_1xb32-10e_mini-digits.py'

model = dict(
    _delete_=True,
    type='ImageClassifier',
    backbone={{_base_.model.backbone}},
    neck=dict(type='GlobalAveragePooling'),
    head=dict(type='CoNeHead', num_classes=10, in_channels=128, hidden_channels=512,
              proj_dim=128, topk=(1, 5),
              loss=dict(type='SmoothedCrossEntropyLoss', label_smoothing=0.)),
    data_preprocessor={{_base_.data_preprocessor}})
custom_hooks = []
