# Supervised-segmentation baseline on FOCAL's data: the same HRNet-W32 (random init, all four
# branches) + an FCN head classifying pristine/forged with cross-entropy, trained and evaluated
# exactly like FOCAL (same pipeline with the mask at full resolution, same metric and schedule).
_base_ = './focal-v1-kmeans_hrnet-w32_4xb1-190k_tampcoco-1024x1024.py'
img_size = 1024
model = dict(
    _delete_=True,
    type='EncoderDecoder',
    data_preprocessor={{_base_.data_preprocessor}},
    backbone=dict(
        type='HRNet',
        norm_cfg=dict(type='BN', requires_grad=True),
        norm_eval=False,
        extra={{_base_.hrnet_w32.extra}}),
    decode_head=dict(
        type='FCNHead',
        in_channels=[32, 64, 128, 256],
        in_index=(0, 1, 2, 3),
        channels=480,
        input_transform='resize_concat',
        kernel_size=1,
        num_convs=1,
        concat_input=False,
        dropout_ratio=-1,
        num_classes=2,
        norm_cfg=dict(type='BN', requires_grad=True),
        align_corners=False,
        loss_decode=dict(type='CrossEntropyLoss', use_sigmoid=False, loss_weight=1.0)),
    train_cfg=dict(),
    test_cfg=dict(mode='whole'))
# the data base's training steps, dense supervision at full size (gt_ratio 1)
train_pipeline = [*_base_.load, _base_.augment, dict(_base_.resize, gt_ratio=1), _base_.pack]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
