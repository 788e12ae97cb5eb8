# The supervised-segmentation baseline of the FOCAL configs (configs/focal/supervised-fcn_*): an
# HRNet (random init, all four branches) + an FCN head on the resized and concatenated branches,
# classifying pristine/forged with cross-entropy. No `model` here: a baseline config inherits its
# FOCAL config and this file and replaces the model by `supervised_fcn` with the FOCAL model's
# input normalisation, its HRNet's stages and the head's input channels (the four branches') and
# width (their sum).
supervised_fcn = dict(
    type='EncoderDecoder',
    backbone=dict(type='HRNet', norm_cfg=dict(type='BN', requires_grad=True), norm_eval=False),
    decode_head=dict(
        type='FCNHead',
        in_index=(0, 1, 2, 3),
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
