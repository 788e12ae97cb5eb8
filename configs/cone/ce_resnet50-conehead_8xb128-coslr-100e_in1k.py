# Cross-entropy baseline for CoNe: the same network (ResNet-50 + CoNeHead projector and
# classifier), data, schedule, AMP and SyncBN as cone_resnet50_8xb128-coslr-100e_in1k.py,
# trained with cross-entropy only (no key encoder, no queue, no neighbour terms).
# [mmcontrast] baseline; the paper's CE numbers and recipe are not established by the spec.
_base_ = './cone_resnet50_8xb128-coslr-100e_in1k.py'

model = dict(
    _delete_=True,
    type='ImageClassifier',
    backbone={{_base_.model.backbone}},
    neck=dict(type='GlobalAveragePooling'),
    head=dict(type='CoNeHead', num_classes=1000, in_channels=2048, hidden_channels=4096,
              proj_dim=256, topk=(1, 5),
              norm_cfg=dict(type='SyncBN'),  # the official projector BN is synchronised
              loss=dict(type='SmoothedCrossEntropyLoss', label_smoothing=0.)),
    data_preprocessor={{_base_.data_preprocessor}})
custom_hooks = []
