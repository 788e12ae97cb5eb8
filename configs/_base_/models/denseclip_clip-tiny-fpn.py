# Tiny DenseCLIP for CPU runs on the mini ADE20K set (4 classes): CLIP-RN layers [1,1,1,1] width 8
# (embedding 64), text encoder width 64 / 2 layers / 4 heads, random weights (nothing is
# downloaded), Semantic FPN, 64x64 inputs.
num_classes = 4
norm_cfg = dict(type='BN', requires_grad=True)
data_preprocessor = dict(
    type='SegDataPreProcessor',
    mean=[122.771, 116.746, 104.094],
    std=[68.501, 66.632, 70.323],
    bgr_to_rgb=True,
    pad_val=0,
    seg_pad_val=255,
    size=(64, 64))
model = dict(
    type='DenseCLIP',
    data_preprocessor=data_preprocessor,
    backbone=dict(
        type='CLIPResNetWithAttention',
        layers=[1, 1, 1, 1],
        width=8,
        heads=4,
        output_dim=64,
        input_resolution=64,
        norm_cfg=norm_cfg),
    text_encoder=dict(
        type='CLIPTextContextEncoder',
        context_length=13,
        embed_dim=64,
        transformer_width=64,
        transformer_heads=4,
        transformer_layers=2,
        frozen=True),
    class_names=['sky', 'building', 'tree', 'flower'],
    name_context_length=5,
    num_contexts=8,
    token_embed_dim=64,
    context_decoder=dict(
        type='ContextDecoder',
        transformer_width=32,
        transformer_heads=4,
        transformer_layers=1,
        dropout=0.1),
    tau=0.07,
    score_concat_index=3,
    neck=dict(
        type='FPN',
        in_channels=[32, 64, 128, 256 + num_classes],
        out_channels=32,
        num_outs=4),
    decode_head=dict(
        type='FPNHead',
        in_channels=[32, 32, 32, 32],
        in_index=[0, 1, 2, 3],
        feature_strides=[4, 8, 16, 32],
        channels=32,
        dropout_ratio=0.1,
        num_classes=num_classes,
        norm_cfg=norm_cfg,
        align_corners=False,
        loss_decode=dict(type='CrossEntropyLoss', use_sigmoid=False, loss_weight=1.0)),
    identity_head=dict(
        type='IdentityHead',
        num_classes=num_classes,
        align_corners=False,
        loss_decode=dict(type='CrossEntropyLoss', use_sigmoid=False, loss_weight=0.4)),
    train_cfg=dict(),
    test_cfg=dict(mode='whole'))

