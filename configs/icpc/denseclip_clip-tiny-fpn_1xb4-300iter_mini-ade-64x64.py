# Tiny DenseCLIP on the mini ADE20K set (4 classes sky/building/tree/flower, 96x96 photos, 64x64
# crops) that trains in minutes on 2 CPU cores: CLIP-RN layers [1,1,1,1] width 8 (embedding 64),
# text encoder width 64 / 2 layers / 4 heads, random weights (nothing can be downloaded).
# Run from the repository root:
#   python tools/train.py configs/icpc/denseclip_clip-tiny-fpn_1xb4-300iter_mini-ade-64x64.py
_base_ = ['../_base_/datasets/mini-ade.py', 'mmseg::_base_/default_runtime.py']
custom_imports = dict(imports=['mmcontrast.seg'], allow_failed_imports=False)

crop_size = (64, 64)
num_classes = 4
max_iters = 300
norm_cfg = dict(type='BN', requires_grad=True)
data_preprocessor = dict(
    type='SegDataPreProcessor',
    mean=[122.771, 116.746, 104.094],
    std=[68.501, 66.632, 70.323],
    bgr_to_rgb=True,
    pad_val=0,
    seg_pad_val=255,
    size=crop_size)
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

# The paper's optimiser shape at a from-scratch learning rate: lr 1e-3 and no backbone lr_mult
# (there are no pretrained CLIP weights to protect here); the text encoder stays frozen.
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='AdamW', lr=1e-3, weight_decay=1e-4),
    paramwise_cfg=dict(
        custom_keys={
            'text_encoder': dict(lr_mult=0.0),
            'norm': dict(decay_mult=0.)
        }))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=False, begin=0, end=30),
    dict(type='PolyLR', power=0.9, eta_min=1e-6, by_epoch=False, begin=30, end=max_iters)
]
train_cfg = dict(type='IterBasedTrainLoop', max_iters=max_iters, val_interval=max_iters)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
train_dataloader = dict(batch_size=4, num_workers=0)
default_hooks = dict(
    logger=dict(type='LoggerHook', interval=50, log_metric_by_epoch=False),
    checkpoint=dict(type='CheckpointHook', by_epoch=False, interval=max_iters, max_keep_ckpts=1))
log_processor = dict(by_epoch=False)
randomness = dict(seed=0)
