# DenseCLIP with CLIP ViT-B/16 on ADE20K at 640x640 (official recipe): blocks 3/5/7/11 mapped to
# strides 4/8/16/32, the score map joins the stride-16 level (index 2).
_base_ = './denseclip_r50-fpn_8xb4-80k_ade20k-512x512.py'
crop_size = (640, 640)
num_classes = 150
pretrained = 'pretrained/clip_vit-b16_mmcontrast.pth'
norm_cfg = dict(type='SyncBN', requires_grad=True)
model = dict(
    data_preprocessor=dict(size=crop_size),
    backbone=dict(
        _delete_=True,
        type='CLIPVisionTransformer',
        patch_size=16,
        width=768,
        layers=12,
        heads=12,
        output_dim=512,
        input_resolution=640,
        drop_path_rate=0.1,
        out_indices=[3, 5, 7, 11],
        get_embeddings=True,
        norm_cfg=norm_cfg,
        init_cfg=dict(type='Pretrained', checkpoint=pretrained, prefix='backbone.')),
    text_encoder=dict(
        embed_dim=512,
        init_cfg=dict(type='Pretrained', checkpoint=pretrained, prefix='text_encoder.')),
    score_concat_index=2,
    test_cfg=dict(mode='slide', crop_size=crop_size, stride=(426, 426)))
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadAnnotations', reduce_zero_label=True),
    dict(type='RandomResize', scale=(2048, 640), ratio_range=(0.5, 2.0), keep_ratio=True),
    dict(type='RandomCrop', crop_size=crop_size, cat_max_ratio=0.75),
    dict(type='RandomFlip', prob=0.5),
    dict(type='PhotoMetricDistortion'),
    dict(type='PackSegInputs')
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=(2048, 640), keep_ratio=True),
    dict(type='LoadAnnotations', reduce_zero_label=True),
    dict(type='PackSegInputs')
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(pipeline=test_pipeline))
test_dataloader = val_dataloader
