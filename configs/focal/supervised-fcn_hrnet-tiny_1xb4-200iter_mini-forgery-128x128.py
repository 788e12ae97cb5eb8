# Tiny supervised baseline on the mini splicing set: the tiny HRNet of the FOCAL tiny config
# (all four branches) + FCN head, cross-entropy on pristine/forged, same data, metric, schedule.
_base_ = './focal-v1-kmeans_hrnet-tiny_1xb4-200iter_mini-forgery-128x128.py'
img_size = 128
model = dict(
    _delete_=True,
    type='EncoderDecoder',
    data_preprocessor=dict(
        type='SegDataPreProcessor', mean=[0.0, 0.0, 0.0], std=[255.0, 255.0, 255.0],
        bgr_to_rgb=True, pad_val=0, seg_pad_val=255, size=(img_size, img_size)),
    backbone=dict(
        type='HRNet',
        norm_cfg=dict(type='BN', requires_grad=True),
        norm_eval=False,
        extra={{_base_.hrnet_tiny.extra}}),
    decode_head=dict(
        type='FCNHead',
        in_channels=[8, 16, 32, 64],
        in_index=(0, 1, 2, 3),
        channels=120,
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
# the data base's training steps with the mask kept at the input size (gt_ratio 1)
train_pipeline = [*_base_.load, _base_.augment, dict(_base_.resize, gt_ratio=1), _base_.pack]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
