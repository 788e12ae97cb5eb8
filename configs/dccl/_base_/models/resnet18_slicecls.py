# Slice classifier (downstream A): ResNet-18 initialised from a DCCL (or baseline) pretraining
# checkpoint through mmengine's loader (init_cfg Pretrained, prefix 'backbone.'), linear head.
pretrained = 'work_dirs/dccl_resnet18_1xb64-200e_picai-slices/epoch_200.pth'
model = dict(
    type='ImageClassifier',
    data_preprocessor=dict(num_classes=2, mean=[0., 0., 0.], std=[1., 1., 1.], to_rgb=False),
    backbone=dict(type='ResNet', depth=18, in_channels=3, out_indices=(3, ),
                  norm_cfg=dict(type='BN'),
                  init_cfg=dict(type='Pretrained', checkpoint=pretrained, prefix='backbone.')),
    neck=dict(type='GlobalAveragePooling'),
    head=dict(type='LinearClsHead', num_classes=2, in_channels=512,
              loss=dict(type='CrossEntropyLoss', loss_weight=1.0), topk=(1, )))
