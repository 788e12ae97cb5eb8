# Tiny FOCAL v1 with a tiny SAM-style ViT (mmpretrain ViTSAM: 2 layers of 64 dims, 2 heads,
# windowed attention (window 4) + one global block, abs + rel positions, SAM neck to 32 channels),
# patch 8 at 128x128 -> (B, 32, 16, 16) features, mask on the 16x16 grid (gt_ratio 8).
_base_ = './focal-v1-kmeans_hrnet-tiny_1xb4-200iter_mini-forgery-128x128.py'
img_size = 128
gt_ratio = 8
vit_sam_tiny = dict(
    type='mmpretrain.ViTSAM',
    arch=dict(embed_dims=64, num_layers=2, num_heads=2, feedforward_channels=256,
              global_attn_indexes=[1]),
    img_size=img_size,
    patch_size=8,
    out_channels=32,
    out_type='featmap',
    use_abs_pos=True,
    use_rel_pos=True,
    window_size=4)
model = dict(extractors=[vit_sam_tiny])
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadForgeryMask'),
    dict(type='BinarizeMask', threshold=127),
    dict(type='FOCALAlbu', pad_size=img_size, jpeg_quality=(50, 95), prob=0.75),
    dict(type='ResizeForgery', size=img_size, gt_ratio=gt_ratio),
    dict(type='PackSegInputs'),
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
