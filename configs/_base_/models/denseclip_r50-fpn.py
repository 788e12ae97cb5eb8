# DenseCLIP (Rao et al., CVPR 2022; github raoyongming/DenseCLIP): CLIP RN50 image encoder with
# attention pool, frozen CLIP text encoder with 8 learnable contexts, context decoder, Semantic FPN
# on the image features + the score map (stride 32), identity head on the score map. 150 classes
# (ADE20K) by default; dataset configs set num_classes and class_names (the FPN's input channels,
# score map included, are derived by DenseCLIP).
# Weights: tools/model_converters/clip2mmcontrast.py RN50.pt pretrained/clip_rn50_mmcontrast.pth
# (OpenAI or open_clip checkpoint -> backbone./text_encoder.).
pretrained = 'pretrained/clip_rn50_mmcontrast.pth'
norm_cfg = dict(type='SyncBN', requires_grad=True)
data_preprocessor = dict(
    type='SegDataPreProcessor',
    mean=[122.771, 116.746, 104.094],  # CLIP statistics x 255, not ImageNet's
    std=[68.501, 66.632, 70.323],
    bgr_to_rgb=True,
    pad_val=0,
    seg_pad_val=255,
    size=(512, 512))
model = dict(
    type='DenseCLIP',
    data_preprocessor=data_preprocessor,
    backbone=dict(
        type='CLIPResNetWithAttention',
        layers=[3, 4, 6, 3],
        output_dim=1024,
        input_resolution=512,
        init_cfg=dict(type='Pretrained', checkpoint=pretrained, prefix='backbone.')),
    text_encoder=dict(
        type='CLIPTextContextEncoder',
        context_length=13,  # 5 name tokens + 8 learnable contexts
        embed_dim=1024,
        transformer_width=512,
        transformer_heads=8,
        transformer_layers=12,
        frozen=True,
        init_cfg=dict(type='Pretrained', checkpoint=pretrained, prefix='text_encoder.')),
    class_names=dict(dataset='ADE20KDataset'),
    name_context_length=5,
    num_contexts=8,
    token_embed_dim=512,
    context_decoder=dict(
        type='ContextDecoder',
        transformer_width=256,
        transformer_heads=4,
        transformer_layers=3,
        dropout=0.1),
    tau=0.07,
    score_concat_index=3,
    neck=dict(type='FPN', out_channels=256, num_outs=4),  # in_channels derived by DenseCLIP
    decode_head=dict(
        type='FPNHead',
        in_channels=[256, 256, 256, 256],
        in_index=[0, 1, 2, 3],
        feature_strides=[4, 8, 16, 32],
        channels=256,
        dropout_ratio=0.1,
        num_classes=150,
        norm_cfg=norm_cfg,
        align_corners=False,
        loss_decode=dict(type='CrossEntropyLoss', use_sigmoid=False, loss_weight=1.0)),
    identity_head=dict(
        type='IdentityHead',
        num_classes=150,
        align_corners=False,
        loss_decode=dict(type='CrossEntropyLoss', use_sigmoid=False, loss_weight=0.4)),
    train_cfg=dict(),
    test_cfg=dict(mode='slide', crop_size=(512, 512), stride=(341, 341)))
