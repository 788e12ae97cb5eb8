# DenseCLIP (Rao et al., CVPR 2022) with CLIP RN50 + Semantic FPN on ADE20K, 8 GPUs x 4 images,
# 80k iterations, 512x512 crops: the official recipe (github raoyongming/DenseCLIP), see
# configs/icpc/README.md. Weights: tools/model_converters/clip2mmcontrast.py RN50.pt
# pretrained/clip_rn50_mmcontrast.pth (OpenAI or open_clip checkpoint -> backbone./text_encoder.).
_base_ = [
    'mmseg::_base_/datasets/ade20k.py', 'mmseg::_base_/default_runtime.py',
    'mmseg::_base_/schedules/schedule_80k.py'
]
custom_imports = dict(imports=['mmcontrast.seg'], allow_failed_imports=False)

crop_size = (512, 512)
num_classes = 150
pretrained = 'pretrained/clip_rn50_mmcontrast.pth'
norm_cfg = dict(type='SyncBN', requires_grad=True)
data_preprocessor = dict(
    type='SegDataPreProcessor',
    mean=[122.771, 116.746, 104.094],  # CLIP statistics x 255, not ImageNet's
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
    neck=dict(
        type='FPN',
        out_channels=256,
        num_outs=4),
    decode_head=dict(
        type='FPNHead',
        in_channels=[256, 256, 256, 256],
        in_index=[0, 1, 2, 3],
        feature_strides=[4, 8, 16, 32],
        channels=256,
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
    test_cfg=dict(mode='slide', crop_size=crop_size, stride=(341, 341)))

# AdamW 1e-4, backbone x0.1, text encoder frozen (x0), no decay on the context decoder's
# LayerNorms ('norm' matches only norm1/2/3 there, as in DenseCLIP; kept for fidelity).
optim_wrapper = dict(
    _delete_=True,
    type='OptimWrapper',
    optimizer=dict(type='AdamW', lr=1e-4, weight_decay=1e-4),
    paramwise_cfg=dict(
        custom_keys={
            'backbone': dict(lr_mult=0.1),
            'text_encoder': dict(lr_mult=0.0),
            'norm': dict(decay_mult=0.)
        }))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-6, by_epoch=False, begin=0, end=1500),
    dict(type='PolyLR', power=0.9, eta_min=1e-6, by_epoch=False, begin=1500, end=80000)
]
train_cfg = dict(type='IterBasedTrainLoop', max_iters=80000, val_interval=8000)
train_dataloader = dict(batch_size=4, num_workers=4)
# The DenseCLIP maintainer insists on a global batch of 32 (issue #30).
auto_scale_lr = dict(enable=False, base_batch_size=32)
