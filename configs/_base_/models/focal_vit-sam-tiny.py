# Tiny FOCAL with a tiny SAM-style ViT (mmpretrain ViTSAM: 2 layers of 64 dims, 2 heads,
# windowed attention (window 4) + one global block, abs + rel positions, SAM neck to 32 channels),
# patch 8 at 128x128 -> (B, 32, 16, 16) features; otherwise focal_hrnet-tiny.py.
_base_ = './focal_hrnet-tiny.py'
vit_sam_tiny = dict(
    _base_.vit_sam_l,  # its type, feature-map output and abs + rel positions
    arch=dict(embed_dims=64, num_layers=2, num_heads=2, feedforward_channels=256,
              global_attn_indexes=[1]),
    img_size=128,
    patch_size=8,
    out_channels=32,
    window_size=4)
model = dict(extractors=[vit_sam_tiny])
